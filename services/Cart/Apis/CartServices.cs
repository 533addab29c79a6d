using Microsoft.AspNetCore.Mvc;
using Platform.Cart.Infrastructure;
using Platform.ServiceDefaults.Flags;

namespace Platform.Cart.Apis;

/// <summary>What the cart handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed record CartServices(
    [FromServices] CartStore Store,
    [FromKeyedServices(CartStore.FailureKey)] CartStore FailureStore,
    [FromServices] IFeatureFlags Flags,
    [FromServices] CartMetrics Metrics,
    [FromServices] ILogger<CartServices> Logger);
