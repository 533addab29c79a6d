using Platform.Contracts;
using Platform.Recommendation.Model;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Recommendation.Infrastructure;

/// <summary>Typed client of ProductCatalog (<c>services:productcatalog:http:0</c>).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.ProductCatalog;

    /// <exception cref="DownstreamException">The catalogue failed, could not be reached or did not answer in time.</exception>
    public Task<IReadOnlyList<Product>> GetProductsAsync(CancellationToken cancellationToken) =>
        http.SendToServiceAsync<IReadOnlyList<Product>>(ServiceName, new HttpRequestMessage(HttpMethod.Get, "/api/products"), cancellationToken);
}
