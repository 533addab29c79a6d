using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.ProductCatalog.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.ProductCatalog.Apis;

/// <summary>What the product handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed record ProductServices(
    [FromServices] Catalog Catalog,
    [FromServices] IFeatureFlags Flags,
    [FromServices] IOptions<ProductCatalogOptions> Options,
    [FromServices] ILogger<ProductServices> Logger);
