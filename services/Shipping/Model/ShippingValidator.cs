namespace Platform.Shipping.Model;

/// <summary>
/// The rules shared by quote and ship. Each broken rule is reported under its JSON path
/// (<c>itemCount</c>, <c>address</c>, <c>address.street</c> … <c>address.zip</c>).
/// </summary>
public static class ShippingValidator
{
    /// <summary>Quote's own limit: a larger order is not one shipment.</summary>
    public const int MaxItemCount = 10_000;

    /// <summary>Longest accepted address field (the storefront's form allows the same).</summary>
    public const int MaxTextLength = 200;

    public static ValidShipment? Validate(ShippingRequest? request, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body { itemCount, address } is required."];
            return null;
        }

        if (request.ItemCount is not (>= 1 and <= MaxItemCount))
        {
            errors["itemCount"] = [$"must be a whole number from 1 to {MaxItemCount}"];
        }

        var address = request.Address;
        if (address is null)
        {
            errors["address"] = ["is required: { street, city, state, country, zip }"];
        }
        else
        {
            Require(errors, "address.street", address.Street);
            Require(errors, "address.city", address.City);
            Require(errors, "address.state", address.State);
            Require(errors, "address.country", address.Country);
            Require(errors, "address.zip", address.Zip);
        }

        return errors.Count > 0 ? null : new ValidShipment(request.ItemCount!.Value, address!, address!.Country!.Trim());
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required"];
        }
        else if (value.Length > MaxTextLength)
        {
            errors[field] = [$"must be at most {MaxTextLength} characters"];
        }
        else if (value.Any(char.IsControl))
        {
            errors[field] = ["must not contain control characters"];
        }
    }
}
