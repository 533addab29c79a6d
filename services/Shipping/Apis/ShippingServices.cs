using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.Shipping.Infrastructure;

namespace Platform.Shipping.Apis;

/// <summary>What the shipping handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed record ShippingServices(
    [FromServices] QuoteClient Quotes,
    [FromServices] InternationalSlowdown Slowdown,
    [FromServices] IOptions<ShippingOptions> Options,
    [FromServices] ILogger<ShippingServices> Logger);
