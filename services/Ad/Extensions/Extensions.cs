using Microsoft.Extensions.Options;
using Platform.Ad.Infrastructure;
using Platform.Ad.Model;

namespace Platform.Ad.Extensions;

public static class Extensions
{
    /// <summary>Options, the ad table (loaded and checked at start) and the machinery of the three Ad flags.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdOptions>()
            .BindConfiguration(AdOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => AdTableLoader.Load(sp.GetRequiredService<IOptions<AdOptions>>().Value.AdsFile));
        // Resolve it at start: a missing or broken table is a failed start, not a 500 on the first call.
        builder.Services.AddHostedService<AdTableCheck>();

        // Flags: adFailure (in the handler), adManualGc, adHighCpu (a background worker polling the flag).
        builder.Services.AddSingleton<AdTelemetry>();
        builder.Services.AddSingleton<GcPressure>();
        builder.Services.AddSingleton<CpuBurner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CpuBurner>());
        return builder;
    }
}

/// <summary>Loads the ad table while the host starts.</summary>
internal sealed class AdTableCheck(AdTable table, ILogger<AdTableCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.AdsLoaded(logger, table.Ads.Count, table.Ads.Select(a => a.Category).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
