namespace Platform.ProductCatalog.Model;

/// <summary>The validated, read-only catalogue, in file order. Ids are looked up case-insensitively.</summary>
public sealed class Catalog
{
    private readonly Dictionary<string, Product> _byId;

    public Catalog(IReadOnlyList<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        Products = products;
        _byId = products.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Product> Products { get; }

    public Product? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<Product> Search(string term) => [.. Products.Where(p => p.Matches(term))];
}
