using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Recommendation.Infrastructure;

namespace Platform.Recommendation.Extensions;

public static class Extensions
{
    /// <summary>Options, the ProductCatalog client and the product cache (with the leak of <c>recommendationCacheFailure</c>).</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommendationOptions>()
            .BindConfiguration(RecommendationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The catalogue is a small list read once a minute: a short budget, so a hung catalogue costs a
        // shopper's product page a second or two, not the default 30 s. (Breaker window ≥ 2 × attempt timeout.)
        builder.AddServiceHttpClient<CatalogClient>(CatalogClient.ServiceName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddSingleton<ProductCache>();
        return builder;
    }
}
