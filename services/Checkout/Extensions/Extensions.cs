using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;
using Platform.Checkout.Steps;

namespace Platform.Checkout.Extensions;

public static class Extensions
{
    /// <summary>Checkout's own services; call after <c>AddServiceDefaults</c> and <c>AddKafkaProducer("kafka")</c>.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CheckoutOptions>()
            .BindConfiguration(CheckoutOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PeakMode.IsValid, "Checkout:PeakMode needs PeakDuration > 0 and 0 <= MinGap <= MaxGap.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Peers (typed clients, base address from services:<name>:http:0, shared resilience handler).
        builder.AddServiceHttpClient<CartClient>(CartClient.ServiceName);
        builder.AddServiceHttpClient<CatalogClient>(CatalogClient.ServiceName);
        builder.AddServiceHttpClient<PaymentClient>(PaymentClient.ServiceName);
        builder.AddServiceHttpClient<CurrencyClient>(CurrencyClient.ServiceName);
        builder.AddServiceHttpClient<EmailClient>(EmailClient.ServiceName);
        // intlShippingSlowdown delays a shipment up to 10 s on purpose: a 30 s budget keeps it a slow checkout, not a timeout.
        builder.AddServiceHttpClient<ShippingClient>(ShippingClient.ServiceName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        });

        // The order flow.
        builder.Services.AddSingleton<CheckoutTelemetry>();
        builder.Services.AddSingleton(sp => new PeakModeSimulator(
            sp.GetRequiredService<IOptions<CheckoutOptions>>().Value.PeakMode, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<OrderPublisher>();
        builder.Services.AddScoped<ReadCartStep>();
        builder.Services.AddScoped<PriceItemsStep>();
        builder.Services.AddScoped<ConvertCurrencyStep>();
        builder.Services.AddScoped<QuoteShippingStep>();
        builder.Services.AddScoped<ShipOrderStep>();
        builder.Services.AddScoped<ChargeStep>();
        builder.Services.AddScoped<PublishOrderStep>();
        builder.Services.AddScoped<EmptyCartStep>();
        builder.Services.AddScoped<SendConfirmationStep>();
        builder.Services.AddScoped<CheckoutSteps>();
        builder.Services.AddScoped<OrderPlacementServices>();
        builder.Services.AddScoped<OrderPlacement>();
    }
}
