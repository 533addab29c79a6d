namespace Platform.Cart.Model;

/// <summary>The rules of the cart API; each error is keyed by the offending field's JSON name.</summary>
public static class CartValidation
{
    public const int MaxUserIdLength = 128;
    public const int MaxProductIdLength = 64;
    public const int MinQuantity = 1;
    public const int MaxQuantity = 100;

    public static Dictionary<string, string[]> ValidateUserId(string userId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxUserIdLength || userId.Any(char.IsControl))
        {
            errors["userId"] = [$"A user id of 1 to {MaxUserIdLength} characters, none of them a control character, is required."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> ValidateAddItem(string userId, AddItemRequest? request)
    {
        var errors = ValidateUserId(userId);
        if (string.IsNullOrWhiteSpace(request?.ProductId) || request.ProductId.Length > MaxProductIdLength)
        {
            errors["productId"] = [$"A product id of 1 to {MaxProductIdLength} characters is required."];
        }

        if (request?.Quantity is not (>= MinQuantity and <= MaxQuantity))
        {
            errors["quantity"] = [$"The quantity must be a whole number from {MinQuantity} to {MaxQuantity}."];
        }

        return errors;
    }
}
