using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;

namespace Platform.Checkout.Extensions;

public static class Extensions
{
    /// <summary>Checkout's own services; call after <c>AddServiceDefaults</c> and <c>AddKafkaProducer("kafka")</c>.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CheckoutOptions>()
            .BindConfiguration(CheckoutOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Peers (typed clients, base address from services:<name>:http:0, shared resilience handler).
        builder.AddServiceHttpClient<CartClient>(CartClient.ServiceName);
        builder.AddServiceHttpClient<CatalogClient>(CatalogClient.ServiceName);
        builder.AddServiceHttpClient<PaymentClient>(PaymentClient.ServiceName);

        // The order flow.
        builder.Services.AddSingleton<CheckoutTelemetry>();
        builder.Services.AddSingleton(sp => new PeakModeSimulator(
            sp.GetRequiredService<IOptions<CheckoutOptions>>().Value.PeakMode.Seed, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<OrderPublisher>();
        builder.Services.AddScoped<OrderPlacementServices>();
        builder.Services.AddScoped<OrderPlacement>();
    }
}
