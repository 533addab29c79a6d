using Microsoft.Extensions.Options;
using Platform.Currency.Infrastructure;
using Platform.Currency.Model;

namespace Platform.Currency.Extensions;

public static class Extensions
{
    /// <summary>Options and the rate table, loaded and checked before the first request.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CurrencyOptions>()
            .BindConfiguration(CurrencyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => RateTableLoader.Load(sp.GetRequiredService<IOptions<CurrencyOptions>>().Value.RatesFile));
        // Resolve it at start: a missing or broken table is a failed start, not a 500 on the first call.
        builder.Services.AddHostedService<RateTableCheck>();
        return builder;
    }
}

/// <summary>Loads the rate table while the host starts.</summary>
internal sealed class RateTableCheck(RateTable table, ILogger<RateTableCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.RatesLoaded(logger, table.Rates.Count, table.Base, table.Date);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
