using Microsoft.Extensions.Options;
using Platform.Cart.Infrastructure;
using StackExchange.Redis;

namespace Platform.Cart.Extensions;

public static class Extensions
{
    /// <summary>Options, Redis (and its failing twin for <c>cartFailure</c>), the cart stores, metrics and the readiness flag check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<CartOptions>()
            .BindConfiguration(CartOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddCartRedis();
        services.AddSingleton<CartStore>();
        services.AddKeyedSingleton(CartStore.FailureKey, (sp, key) => new CartStore(
            sp.GetRequiredKeyedService<IConnectionMultiplexer>(key), sp.GetRequiredService<IOptionsMonitor<CartOptions>>()));
        services.AddSingleton<CartMetrics>();

        services.AddHealthChecks().AddCheck<ReadinessFlagHealthCheck>(ReadinessFlagHealthCheck.Name, tags: ["ready"]);

        return builder;
    }
}
