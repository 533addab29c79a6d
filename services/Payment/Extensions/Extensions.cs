using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Payment.Infrastructure;

namespace Platform.Payment.Extensions;

public static class Extensions
{
    /// <summary>Options, the in-memory charge store, the failure simulator and the meter.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<PaymentOptions>()
            .BindConfiguration(PaymentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Time and randomness are injectable so tests are deterministic.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(sp => new RandomSource(sp.GetRequiredService<IOptions<PaymentOptions>>().Value.RandomSeed));
        services.AddSingleton<FailureSimulator>();

        services.AddSingleton<ChargeStore>();
        services.AddSingleton<PaymentTelemetry>();

        return builder;
    }
}
