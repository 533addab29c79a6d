using System.Net.Mail;

namespace Platform.Checkout.Model;

/// <summary>Validates a checkout request before anything is called; errors are keyed by JSON field path.</summary>
public static class CheckoutValidator
{
    /// <summary>The longest user id (as Cart and Frontend accept).</summary>
    public const int MaxUserIdLength = 128;

    /// <summary>The longest address field: real addresses are far shorter, and the order goes to Kafka whole.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The longest card number or CVV text (Payment checks the digits).</summary>
    public const int MaxCardFieldLength = 32;

    /// <summary>The order's currency: the request's in upper case, or the catalogue's when it names none.</summary>
    public static string CurrencyOf(CheckoutRequest request, string catalogCurrency) =>
        string.IsNullOrWhiteSpace(request.Currency) ? catalogCurrency : request.Currency.Trim().ToUpperInvariant();

    /// <summary>
    /// Every broken rule by field. <c>currency</c> is optional (the catalogue's by default) and must look
    /// like an ISO 4217 code; whether it is supported is Currency's answer, asked during the order.
    /// </summary>
    public static Dictionary<string, string[]> Validate(CheckoutRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body is required."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            errors["userId"] = ["userId is required."];
        }
        else if (request.UserId.Length > MaxUserIdLength || request.UserId.Any(char.IsControl))
        {
            // It goes into the cart's URL and the order event: no control characters (NUL, RTL marks' kin).
            errors["userId"] = [$"userId has at most {MaxUserIdLength} characters and no control characters."];
        }
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["email is required."];
        }
        else if (!IsEmail(request.Email))
        {
            errors["email"] = ["email is not a valid e-mail address."];
        }
        if (request.Currency is not null && !IsCurrencyCode(request.Currency.Trim()))
        {
            errors["currency"] = ["currency is a 3-letter ISO 4217 code such as USD or EUR (optional: USD by default)."];
        }
        if (request.Address is null)
        {
            errors["address"] = ["address is required."];
        }
        else
        {
            Require(errors, "address.street", request.Address.Street, MaxTextLength);
            Require(errors, "address.city", request.Address.City, MaxTextLength);
            Require(errors, "address.state", request.Address.State, MaxTextLength);
            Require(errors, "address.country", request.Address.Country, MaxTextLength);
            Require(errors, "address.zip", request.Address.Zip, MaxTextLength);
        }
        if (request.Card is null)
        {
            errors["card"] = ["card is required."];
        }
        else
        {
            Require(errors, "card.number", request.Card.Number, MaxCardFieldLength);
            Require(errors, "card.cvv", request.Card.Cvv, MaxCardFieldLength);
            if (request.Card.ExpirationMonth is null)
            {
                errors["card.expirationMonth"] = ["card.expirationMonth is required."];
            }
            if (request.Card.ExpirationYear is null)
            {
                errors["card.expirationYear"] = ["card.expirationYear is required."];
            }
        }
        return errors;
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"{field} has at most {maxLength} characters."];
        }
    }

    private static bool IsCurrencyCode(string value) => value.Length == 3 && value.All(char.IsAsciiLetter);

    private static bool IsEmail(string value) =>
        value.Length <= 320 && !value.Any(char.IsWhiteSpace) && value.IndexOf('@') is > 0 and var at && at < value.Length - 1
        && value[(at + 1)..].Contains('.') && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
