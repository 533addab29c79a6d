using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Shipping.Infrastructure;

namespace Platform.Shipping.Extensions;

public static class Extensions
{
    /// <summary>Options, the Quote client, the slowdown flag and tracking ids.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShippingOptions>()
            .BindConfiguration(ShippingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Quote prices every shipment (base address from services:quote:http:0, shared resilience handler).
        builder.AddServiceHttpClient<QuoteClient>(QuoteClient.ServiceName);
        builder.Services.AddSingleton<InternationalSlowdown>();
        return builder;
    }
}
