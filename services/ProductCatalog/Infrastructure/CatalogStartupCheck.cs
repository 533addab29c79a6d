using Microsoft.Extensions.Options;
using Platform.ProductCatalog.Model;

namespace Platform.ProductCatalog.Infrastructure;

/// <summary>Loads the catalogue while the host starts, so a bad file stops the service with a clear message.</summary>
public sealed class CatalogStartupCheck(IServiceProvider services, IOptions<ProductCatalogOptions> options, ILogger<CatalogStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var catalog = services.GetRequiredService<Catalog>();
            Log.CatalogLoaded(logger, catalog.Products.Count, options.Value.ResolveCatalogPath());
        }
        catch (InvalidCatalogException ex)
        {
            Log.CatalogInvalid(logger, ex);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
