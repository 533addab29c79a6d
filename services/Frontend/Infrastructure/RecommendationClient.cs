using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Recommendation (<c>services:recommendation:http:0</c>).</summary>
public sealed class RecommendationClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Recommendation;

    /// <summary>Products related to <paramref name="productIds"/> (comma-separated, forwarded as given).</summary>
    public Task<IReadOnlyList<Product>> GetRecommendationsAsync(string? productIds, CancellationToken ct) =>
        http.SendToServiceAsync<IReadOnlyList<Product>>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, $"/api/recommendations?productIds={Uri.EscapeDataString(productIds ?? "")}"), ct);
}
