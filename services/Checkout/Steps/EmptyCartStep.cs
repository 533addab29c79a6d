using System.Diagnostics;
using Platform.Checkout.Infrastructure;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>Empties the cart (<c>DELETE /api/cart/{userId}</c>). The order is placed already: a failure is logged, never returned.</summary>
public sealed class EmptyCartStep(CartClient cart, ILogger<EmptyCartStep> logger) : ICheckoutStep
{
    public string Name => "empty cart";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        try
        {
            await cart.EmptyCartAsync(order.UserId, CancellationToken.None);
        }
        catch (DownstreamException ex)
        {
            Log.EmptyCartFailed(logger, order.OrderId, order.UserId, ex);
            order.Activity?.AddEvent(new ActivityEvent("cart not emptied"));
        }
        return null;
    }
}
