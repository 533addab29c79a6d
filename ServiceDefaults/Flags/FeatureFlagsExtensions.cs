using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Flags;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the OFREP feature-flag client.</summary>
public static class FeatureFlagsExtensions
{
    /// <summary>
    /// Registers <see cref="IFeatureFlags"/> (<see cref="OfrepFeatureFlags"/>) talking to FlagService at
    /// <c>http://flagservice</c>, which service discovery resolves from <c>services:flagservice:http:0</c>,
    /// with <see cref="FlagsOptions"/> from section <c>Flags</c>. Without that address every flag returns
    /// its default and one warning is logged at start. Called by <c>AddServiceDefaults</c>.
    /// <code>
    /// builder.AddFeatureFlags();
    /// // in a handler:
    /// if (await flags.GetBooleanAsync("cartFailure", false, new FlagContext(userId), ct)) { ... }
    /// </code>
    /// </summary>
    public static TBuilder AddFeatureFlags<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FlagsOptions>()
            .BindConfiguration(FlagsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Service discovery like every client, but not the standard resilience handler: a flag is asked
        // once, briefly (FlagsOptions.RequestTimeout, per request), then the default is used, and answers
        // and failures are cached, so retries and a breaker add nothing but their cold-start cost (about
        // 0.4 s on the first call, enough to miss the 1 s budget). RemoveAllResilienceHandlers is still
        // marked for evaluation in 10.x.
        // Its request logs would repeat every second per flag; the client spans already show the calls.
        builder.AddDefaultHttpClients();
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(OfrepFeatureFlags.HttpClientName, c => c.BaseAddress = OfrepFeatureFlags.BaseAddress)
            .RemoveAllResilienceHandlers()
            .RemoveAllLoggers();
#pragma warning restore EXTEXP0001
        builder.Services.TryAddSingleton<OfrepFeatureFlags>();
        builder.Services.TryAddSingleton<IFeatureFlags>(sp => sp.GetRequiredService<OfrepFeatureFlags>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FlagServiceAddressCheck>());
        return builder;
    }
}

/// <summary>Says once, at start, that flags are off because FlagService has no address.</summary>
internal sealed class FlagServiceAddressCheck(IConfiguration configuration, ILogger<OfrepFeatureFlags> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration[OfrepFeatureFlags.AddressKey]))
        {
            FlagsLog.FlagServiceNotConfigured(logger, OfrepFeatureFlags.AddressKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
