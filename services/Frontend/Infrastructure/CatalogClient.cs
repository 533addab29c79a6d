using Frontend.Model;

namespace Frontend.Infrastructure;

/// <summary>Typed client of ProductCatalog (<c>services:productcatalog:http:0</c>).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string ServiceName = "productcatalog";

    public Task<IReadOnlyList<Product>> GetProductsAsync(CancellationToken ct) =>
        DownstreamHttp.SendAsync<IReadOnlyList<Product>>(http, ServiceName,
            new HttpRequestMessage(HttpMethod.Get, "/api/products"), ct);

    public Task<Product> GetProductAsync(string id, CancellationToken ct) =>
        DownstreamHttp.SendAsync<Product>(http, ServiceName,
            new HttpRequestMessage(HttpMethod.Get, $"/api/products/{Uri.EscapeDataString(id)}"), ct);
}
