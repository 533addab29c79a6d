using Microsoft.Extensions.Options;
using Platform.Cart.Infrastructure;
using Platform.Redis;

namespace Platform.Cart.Extensions;

public static class Extensions
{
    /// <summary>Options, the cart store (and its failing twin for <c>cartFailure</c>), metrics and the readiness flag check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<CartOptions>()
            .BindConfiguration(CartOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<CartStore>();
        services.AddKeyedSingleton(CartStore.FailureKey, (sp, _) => new CartStore(
            sp.GetRequiredKeyedService<RedisClient>(CartStore.FailureKey), sp.GetRequiredService<IOptionsMonitor<CartOptions>>()));
        services.AddKeyedSingleton(CartStore.FailureKey, (sp, _) => new RedisClient(
            RedisConnectionOptions.Parse(sp.GetRequiredService<IOptions<CartOptions>>().Value.FailureConnectionString),
            sp.GetService<ILogger<RedisClient>>()));
        services.AddSingleton<CartMetrics>();

        services.AddHealthChecks().AddCheck<ReadinessFlagHealthCheck>(ReadinessFlagHealthCheck.Name, tags: ["ready"]);

        return builder;
    }
}
