using Platform.Quote.Model;

namespace Platform.Quote.Extensions;

public static class Extensions
{
    /// <summary>The validated price formula.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuoteOptions>()
            .BindConfiguration(QuoteOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<QuoteCalculator>();
        return builder;
    }
}
