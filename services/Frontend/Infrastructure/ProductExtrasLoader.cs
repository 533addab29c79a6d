using Frontend.Model;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>
/// The product page's "You may also like" and ad, asked of Recommendation and Ad at the same time. Both are
/// decorations: when either fails or is down, the page shows without it (the failure is logged and the client
/// span shows it; the page's own span stays successful).
/// </summary>
public sealed partial class ProductExtrasLoader(RecommendationClient recommendations, AdClient ads, ILogger<ProductExtrasLoader> logger)
{
    /// <summary>How many recommendations the page shows.</summary>
    public const int MaxRecommendations = 4;

    public async Task<ProductExtras> LoadAsync(Product product, CancellationToken ct)
    {
        var recommended = TryAsync(recommendations.GetRecommendationsAsync(product.Id, ct), "recommendations");
        var ad = TryAsync(ads.GetAdsAsync(string.Join(',', product.Categories), ct), "ads");
        var (products, adList) = (await recommended, await ad);
        return new ProductExtras(
            [.. (products ?? []).Where(p => p.Id != product.Id).Take(MaxRecommendations)],
            adList?.FirstOrDefault());
    }

    private async Task<T?> TryAsync<T>(Task<T> call, string what) where T : class
    {
        try
        {
            return await call;
        }
        catch (DownstreamException e)
        {
            ProductExtraMissing(logger, what, e.Service, e.StatusCode, e.Detail);
            return null;
        }
    }

    // Here rather than in Log.cs: the product page's decorations keep to their own files.
    [LoggerMessage(EventId = 20, EventName = "ProductExtraMissing", Level = LogLevel.Warning,
        Message = "Product page shown without {What}: {Service} failed with {StatusCode}: {Detail}")]
    private static partial void ProductExtraMissing(ILogger logger, string what, string service, int statusCode, string detail);
}
