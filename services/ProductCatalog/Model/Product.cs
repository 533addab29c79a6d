namespace Platform.ProductCatalog.Model;

/// <summary>An amount of money: <c>{ "currency": "USD", "amount": 12.34 }</c>.</summary>
public sealed record Money(string Currency, decimal Amount);

/// <summary>A product of the catalogue, as served by <c>GET /api/products</c>.</summary>
/// <remarks>
/// Id: ten upper-case letters or digits, e.g. <c>OLJCESPC7Z</c>. Picture: the path of the picture
/// the Frontend serves, <c>/images/products/{id}.svg</c>.
/// </remarks>
public sealed record Product(
    string Id,
    string Name,
    string Description,
    string Picture,
    Money Price,
    IReadOnlyList<string> Categories)
{
    /// <summary>The shape of a product id.</summary>
    public const string IdPattern = "^[A-Z0-9]{10}$";

    /// <summary>True when <paramref name="term"/> occurs (case-insensitive) in the name, description or a category.</summary>
    public bool Matches(string term) =>
        Name.Contains(term, StringComparison.OrdinalIgnoreCase)
        || Description.Contains(term, StringComparison.OrdinalIgnoreCase)
        || Categories.Any(c => c.Contains(term, StringComparison.OrdinalIgnoreCase));
}
