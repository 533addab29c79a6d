namespace Platform.Recommendation.Model;

/// <summary>An amount of money: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record Money(string Currency, decimal Amount);

/// <summary>A catalogue product as ProductCatalog serves it (<c>GET /api/products</c>), recommended as is.</summary>
public sealed record Product(
    string Id,
    string Name,
    string Description,
    string Picture,
    Money Price,
    IReadOnlyList<string> Categories);
