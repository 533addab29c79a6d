using System.Text.Json.Serialization;
using Frontend.Infrastructure;

namespace Frontend.Model;

/// <summary>Body of <c>POST /api/checkout</c>, forwarded to Checkout as is.</summary>
public sealed record CheckoutRequest(
    string? UserId,
    string? Email,
    string? Currency,
    Address? Address,
    CreditCard? Card);

/// <summary>A shipping address.</summary>
public sealed record Address(string? Street, string? City, string? State, string? Country, string? Zip);

/// <summary>A payment card; the number and CVV are never logged.</summary>
public sealed record CreditCard(
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Number,
    [property: JsonConverter(typeof(StringOrNumberConverter))] string? Cvv,
    int ExpirationMonth,
    int ExpirationYear)
{
    /// <summary>Never prints the number or the CVV.</summary>
    public override string ToString() => $"CreditCard {{ Number = ****, Cvv = ***, ExpirationMonth = {ExpirationMonth}, ExpirationYear = {ExpirationYear} }}";
}

/// <summary>What Checkout answers for a placed order.</summary>
public sealed record OrderResult(string OrderId, Money Total, IReadOnlyList<OrderItem> Items);

/// <summary>One priced line of a placed order.</summary>
public sealed record OrderItem(string ProductId, int Quantity, Money Price);

/// <summary>An order confirmation as the confirmation page shows it: the order plus product names.</summary>
public sealed record OrderConfirmation(OrderResult Order, string Email, IReadOnlyDictionary<string, string> ProductNames);
