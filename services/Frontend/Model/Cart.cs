namespace Frontend.Model;

/// <summary>A user's cart as Cart returns it.</summary>
public sealed record Cart(string UserId, IReadOnlyList<CartItem> Items);

/// <summary>One line of a cart.</summary>
public sealed record CartItem(string ProductId, int Quantity);

/// <summary>Body of <c>POST /api/cart/{userId}/items</c>.</summary>
public sealed record AddCartItemRequest(string? ProductId, int Quantity);

/// <summary>A cart line joined with its product, as the cart page shows it.</summary>
public sealed record CartLine(Product Product, int Quantity)
{
    public Money LineTotal => Product.Price.Times(Quantity);
}
