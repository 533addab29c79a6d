using Microsoft.Extensions.Options;
using Platform.ProductCatalog.Infrastructure;
using Platform.ProductCatalog.Model;

namespace Platform.ProductCatalog.Extensions;

public static class Extensions
{
    /// <summary>Options, the catalogue (loaded and validated at start) and its startup check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<ProductCatalogOptions>()
            .BindConfiguration(ProductCatalogOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => CatalogFile.Load(sp.GetRequiredService<IOptions<ProductCatalogOptions>>().Value.ResolveCatalogPath()));
        services.AddHostedService<CatalogStartupCheck>();

        return builder;
    }
}
