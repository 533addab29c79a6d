using System.Net.Mail;

namespace Platform.Email.Model;

/// <summary>The rules of <c>POST /api/confirmations</c>; each broken rule under its JSON path (<c>items[1].quantity</c>).</summary>
public static class ConfirmationValidator
{
    public const int MaxTextLength = 256;
    public const int MaxItems = 500;

    public static Dictionary<string, string[]> Validate(ConfirmationRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body { email, orderId, items, shipping, total, trackingId, address } is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320 || !MailAddress.TryCreate(request.Email, out var parsed) || parsed.Address != request.Email)
        {
            errors["email"] = ["must be an e-mail address"];
        }
        Text(errors, "orderId", request.OrderId);
        Text(errors, "trackingId", request.TrackingId);
        Money(errors, "shipping", request.Shipping);
        Money(errors, "total", request.Total);

        if (request.Items is not { Count: > 0 and <= MaxItems } items)
        {
            errors["items"] = [$"must list 1 to {MaxItems} lines"];
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                var line = items[i];
                if (line is null)
                {
                    errors[$"items[{i}]"] = ["must be { productId, quantity, price }"];
                    continue;
                }
                Text(errors, $"items[{i}].productId", line.ProductId);
                if (line.Quantity is not (>= 1 and <= 10_000)) errors[$"items[{i}].quantity"] = ["must be from 1 to 10000"];
                Money(errors, $"items[{i}].price", line.Price);
            }
        }

        if (request.Address is not { } address)
        {
            errors["address"] = ["is required: { street, city, state, country, zip }"];
        }
        else
        {
            Text(errors, "address.street", address.Street);
            Text(errors, "address.city", address.City);
            Text(errors, "address.state", address.State);
            Text(errors, "address.country", address.Country);
            Text(errors, "address.zip", address.Zip);
        }
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required"];
        else if (value.Length > MaxTextLength) errors[field] = [$"must be at most {MaxTextLength} characters"];
        else if (value.Any(char.IsControl)) errors[field] = ["must not contain control characters"];
    }

    private static void Money(Dictionary<string, string[]> errors, string field, MoneyInput? money)
    {
        if (money is null) errors[field] = ["is required: { \"currency\": \"USD\", \"amount\": 12.34 }"];
        else
        {
            if (money.Amount is not (>= 0m and <= 1_000_000_000_000m)) errors[$"{field}.amount"] = ["must be a number from 0 to 1000000000000"];
            if (money.Currency is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper)) errors[$"{field}.currency"] = ["must be a 3-letter ISO 4217 code such as USD"];
        }
    }
}
