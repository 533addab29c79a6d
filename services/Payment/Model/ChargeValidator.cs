using System.Text.RegularExpressions;

namespace Platform.Payment.Model;

/// <summary>A charge request that passed every rule; the full number never leaves this record.</summary>
public sealed record ValidCharge(decimal Amount, string Currency, CardType CardType, string LastFour);

/// <summary>
/// The rules of <c>POST /api/charges</c>. Each broken rule is reported under the JSON path of its
/// field (<c>amount.amount</c>, <c>amount.currency</c>, <c>card.number</c>, <c>card.cvv</c>,
/// <c>card.expirationMonth</c>, <c>card.expirationYear</c>, <c>card.expiration</c>).
/// A card is valid through the last day of its expiry month (UTC).
/// </summary>
public static partial class ChargeValidator
{
    public static ValidCharge? Validate(ChargeRequest? request, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body { amount, card } is required."];
            return null;
        }

        var amount = request.Amount;
        if (amount is null)
        {
            errors["amount"] = ["is required: { \"currency\": \"USD\", \"amount\": 12.34 }"];
        }
        else
        {
            if (amount.Amount is not > 0m) errors["amount.amount"] = ["must be a positive number"];
            if (amount.Currency is null || !CurrencyRegex().IsMatch(amount.Currency))
            {
                errors["amount.currency"] = ["must be a 3-letter ISO 4217 code such as USD"];
            }
        }

        var card = request.Card;
        string? digits = null;
        if (card is null)
        {
            errors["card"] = ["is required: { number, cvv, expirationMonth, expirationYear }"];
        }
        else
        {
            digits = ValidateNumber(card.Number, errors);
            if (card.Cvv is null || !CvvRegex().IsMatch(card.Cvv)) errors["card.cvv"] = ["must be 3 or 4 digits"];
            ValidateExpiry(card, now, errors);
        }

        if (errors.Count > 0) return null;
        return new ValidCharge(amount!.Amount!.Value, amount.Currency!, CardNumber.Detect(digits!), CardNumber.LastFour(digits!));
    }

    private static string? ValidateNumber(string? number, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            errors["card.number"] = ["is required"];
            return null;
        }

        var digits = CardNumber.Normalize(number);
        if (digits is null)
        {
            errors["card.number"] = ["must contain only digits, spaces or dashes"];
        }
        else if (digits.Length is < CardNumber.MinLength or > CardNumber.MaxLength)
        {
            errors["card.number"] = [$"must have {CardNumber.MinLength} to {CardNumber.MaxLength} digits"];
        }
        else if (!CardNumber.PassesLuhn(digits))
        {
            errors["card.number"] = ["fails the Luhn check"];
        }
        else
        {
            return digits;
        }

        return null;
    }

    private static void ValidateExpiry(CardDetails card, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var month = card.ExpirationMonth;
        var year = card.ExpirationYear;
        if (month is not (>= 1 and <= 12)) errors["card.expirationMonth"] = ["must be a month from 1 to 12"];

        // Two-digit years are read as 20xx (a card printed "07/29").
        if (year is >= 0 and < 100) year += 2000;
        if (year is not (>= 2000 and <= 9999)) errors["card.expirationYear"] = ["must be a year such as 2030"];

        if (errors.ContainsKey("card.expirationMonth") || errors.ContainsKey("card.expirationYear")) return;

        var today = now.UtcDateTime;
        if (year!.Value < today.Year || (year.Value == today.Year && month!.Value < today.Month))
        {
            errors["card.expiration"] = [$"the card expired at the end of {month:00}/{year}"];
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyRegex();

    [GeneratedRegex("^[0-9]{3,4}$")]
    private static partial Regex CvvRegex();
}
