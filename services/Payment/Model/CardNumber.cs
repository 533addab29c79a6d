namespace Platform.Payment.Model;

/// <summary>Card brands the service recognises from the number's prefix.</summary>
public enum CardType
{
    Unknown,
    Visa,
    Mastercard,
    Amex,
}

/// <summary>Card number rules: normalisation, length, the Luhn check, brand detection, masking.</summary>
public static class CardNumber
{
    public const int MinLength = 12;
    public const int MaxLength = 19;

    /// <summary>Removes spaces and dashes; returns null when anything but digits remains.</summary>
    public static string? Normalize(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digits = new System.Text.StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (c is ' ' or '-') continue;
            if (!char.IsAsciiDigit(c)) return null;
            digits.Append(c);
        }

        return digits.ToString();
    }

    /// <summary>The Luhn (mod 10) check over a string of digits.</summary>
    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9) return false;
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Visa 4…, Mastercard 51–55 and 2221–2720, Amex 34/37.</summary>
    public static CardType Detect(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.StartsWith('4')) return CardType.Visa;
        if (digits.Length >= 2 && digits[0] == '3' && digits[1] is '4' or '7') return CardType.Amex;
        if (digits.Length >= 2 && int.Parse(digits.AsSpan(0, 2)) is >= 51 and <= 55) return CardType.Mastercard;
        if (digits.Length >= 4 && int.Parse(digits.AsSpan(0, 4)) is >= 2221 and <= 2720) return CardType.Mastercard;
        return CardType.Unknown;
    }

    /// <summary>The only part of a number that may be logged or tagged.</summary>
    public static string LastFour(string digits) => digits.Length <= 4 ? digits : digits[^4..];

    public static string ToTagValue(this CardType type) => type switch
    {
        CardType.Visa => "visa",
        CardType.Mastercard => "mastercard",
        CardType.Amex => "amex",
        _ => "unknown",
    };
}
