using System.Net.Mail;

namespace Platform.Checkout.Model;

/// <summary>Validates a checkout request before anything is called; errors are keyed by JSON field path.</summary>
public static class CheckoutValidator
{
    public static Dictionary<string, string[]> Validate(CheckoutRequest? request, string acceptedCurrency)
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
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["email is required."];
        }
        else if (!IsEmail(request.Email))
        {
            errors["email"] = ["email is not a valid e-mail address."];
        }
        if (string.IsNullOrWhiteSpace(request.Currency))
        {
            errors["currency"] = ["currency is required."];
        }
        else if (!string.Equals(request.Currency, acceptedCurrency, StringComparison.OrdinalIgnoreCase))
        {
            errors["currency"] = [$"Only {acceptedCurrency} (the catalogue currency) is accepted for now; other currencies need the Currency service."];
        }
        if (request.Address is null)
        {
            errors["address"] = ["address is required."];
        }
        else
        {
            Require(errors, "address.street", request.Address.Street);
            Require(errors, "address.city", request.Address.City);
            Require(errors, "address.state", request.Address.State);
            Require(errors, "address.country", request.Address.Country);
            Require(errors, "address.zip", request.Address.Zip);
        }
        if (request.Card is null)
        {
            errors["card"] = ["card is required."];
        }
        else
        {
            Require(errors, "card.number", request.Card.Number);
            Require(errors, "card.cvv", request.Card.Cvv);
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

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required."];
        }
    }

    private static bool IsEmail(string value) =>
        value.Length <= 320 && !value.Any(char.IsWhiteSpace) && value.IndexOf('@') is > 0 and var at && at < value.Length - 1
        && value[(at + 1)..].Contains('.') && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
}
