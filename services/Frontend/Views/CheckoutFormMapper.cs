using System.Globalization;
using Frontend.Model;

namespace Frontend.Views;

/// <summary>Turns the checkout form into Checkout's request; only what cannot be sent as typed (numbers) is checked here, Checkout validates the rest.</summary>
public static class CheckoutFormMapper
{
    public static CheckoutRequest? ToRequest(CheckoutForm form, string userId, string currency, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var month = ParseNumber(form.ExpirationMonth, 1, 12, "expirationMonth", "The expiration month must be a number from 1 to 12.", errors);
        var year = ParseNumber(form.ExpirationYear, 2000, 2100, "expirationYear", "The expiration year must be a four-digit year.", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new CheckoutRequest(
            userId,
            form.Email?.Trim(),
            currency,
            new Address(form.Street?.Trim(), form.City?.Trim(), form.State?.Trim(), form.Country?.Trim(), form.Zip?.Trim()),
            new CreditCard(DigitsOnly(form.CardNumber), form.Cvv?.Trim(), month, year));
    }

    /// <summary>Three upper-case letters, the shape of an ISO 4217 code (Checkout checks that Currency supports it).</summary>
    public static bool IsCurrencyCode(string? text) => text is { Length: 3 } && text.All(char.IsAsciiLetterUpper);

    /// <summary>"4432-8015-6152-0454" as typed becomes "4432801561520454".</summary>
    private static string? DigitsOnly(string? cardNumber) =>
        cardNumber is null ? null : new string(cardNumber.Where(c => c is not (' ' or '-')).ToArray());

    private static int ParseNumber(string? text, int min, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = [message];
        return 0;
    }
}
