using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of ProductCatalog (<c>services:productcatalog:http:0</c>).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.ProductCatalog;

    public Task<IReadOnlyList<Product>> GetProductsAsync(CancellationToken ct) =>
        http.SendToServiceAsync<IReadOnlyList<Product>>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, "/api/products"), ct);

    public Task<Product> GetProductAsync(string id, CancellationToken ct) =>
        http.SendToServiceAsync<Product>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, $"/api/products/{Uri.EscapeDataString(id)}"), ct);
}
