namespace Platform.Checkout.Model;

/// <summary>An amount of money: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record Money(string Currency, decimal Amount);

/// <summary>Body of <c>POST /api/checkout</c>. Every member is nullable so validation can name what is missing.</summary>
public sealed record CheckoutRequest(string? UserId, string? Email, string? Currency, AddressInput? Address, CardInput? Card);

/// <summary>The shipping address.</summary>
public sealed record AddressInput(string? Street, string? City, string? State, string? Country, string? Zip);

/// <summary>The card to charge (validated by Payment: Luhn, expiry, CVV). Never logged.</summary>
public sealed record CardInput(string? Number, string? Cvv, int? ExpirationMonth, int? ExpirationYear)
{
    /// <summary>Never prints the number or the CVV.</summary>
    public override string ToString() => $"CardInput {{ Number = ****, Cvv = ***, ExpirationMonth = {ExpirationMonth}, ExpirationYear = {ExpirationYear} }}";
}

/// <summary>Answer of a placed order, every amount in the order's currency; <see cref="Total"/> includes <see cref="Shipping"/>.</summary>
public sealed record CheckoutResponse(string OrderId, Money Total, IReadOnlyList<CheckoutLine> Items, Money Shipping, string TrackingId);

/// <summary>One line of a placed order; <see cref="Price"/> is the unit price.</summary>
public sealed record CheckoutLine(string ProductId, int Quantity, Money Price);
