namespace Platform.Cart.Model;

/// <summary>A user's cart: <c>{ userId, items: [{ productId, quantity }] }</c>, items ordered by product id.</summary>
public sealed record ShoppingCart(string UserId, IReadOnlyList<CartItem> Items)
{
    public static ShoppingCart Empty(string userId) => new(userId, []);
}

/// <summary>One line of a cart.</summary>
public sealed record CartItem(string ProductId, int Quantity);

/// <summary>Body of <c>POST /api/cart/{userId}/items</c>.</summary>
public sealed record AddItemRequest(string? ProductId, int? Quantity);
