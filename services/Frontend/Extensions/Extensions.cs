using Frontend.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Frontend.Extensions;

/// <summary>The frontend's own services, grouped by concern.</summary>
public static class Extensions
{
    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Settings
        builder.Services.AddOptions<FrontendOptions>()
            .BindConfiguration(FrontendOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Limits: the body size (413 problem) and the per-client rate of /api (429 problem)
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<FrontendOptions>>(
            (kestrel, frontend) => kestrel.Limits.MaxRequestBodySize = frontend.Value.MaxRequestBodySize);
        builder.Services.AddApiRateLimiting();

        // The services the storefront calls (addresses from services:<name>:http:0)
        builder.AddServiceHttpClient<CatalogClient>(CatalogClient.ServiceName);
        builder.AddServiceHttpClient<CartClient>(CartClient.ServiceName);
        // Prices in the shopper's currency: a page waits for Currency at most 5 s, then shows the catalogue's prices.
        builder.AddServiceHttpClient<CurrencyClient>(CurrencyClient.ServiceName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddScoped<ShopCurrency>();
        // Checkout waits on payment and on Kafka's acknowledgement (up to 10 s) and may void a charge:
        // give it more than the default 10 s, so the shopper gets its answer rather than a timeout.
        // (The breaker's sampling window must be at least twice the attempt timeout.)
        builder.AddServiceHttpClient<CheckoutClient>(CheckoutClient.ServiceName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        });

        // Recommendation and Ad only decorate a page: a short budget and no retry, so a failing or hung one
        // costs a product page at most 2 s and shows as what it is (the page renders without it).
        builder.AddServiceHttpClient<RecommendationClient>(RecommendationClient.ServiceName, DecorationBudget);
        builder.AddServiceHttpClient<AdClient>(AdClient.ServiceName, DecorationBudget);
        builder.Services.AddScoped<ProductExtrasLoader>();

        // Storefront pages: antiforgery on the HTML forms, recent order confirmations
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "shop_antiforgery";
            options.FormFieldName = "__shop_antiforgery";
        });
        builder.Services.AddSingleton<ConfirmationStore>();
        builder.Services.AddSingleton(TimeProvider.System);

        // Product pictures, slowed by imageSlowLoad
        builder.Services.AddSingleton<ImageSlowLoad>();

        // The JSON API's description at /openapi/v1.json
        builder.Services.AddOpenApi();
        return builder;
    }

    private static void DecorationBudget(HttpStandardResilienceOptions o)
    {
        o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
        o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(2);
    }
}
