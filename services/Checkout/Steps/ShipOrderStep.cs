using Platform.Checkout.Infrastructure;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>
/// Ships the order through Shipping and keeps its tracking id. It runs before the charge (the
/// issue's order): a simulated shipment has no side effect to undo if the charge then fails.
/// </summary>
public sealed class ShipOrderStep(ShippingClient shipping) : ICheckoutStep
{
    public string Name => "ship";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        try
        {
            var shipment = await shipping.ShipAsync(order.Units, order.Request.Address!, cancellationToken);
            order.TrackingId = shipment.TrackingId;
            order.Activity?.SetTag("app.shipping.tracking.id", shipment.TrackingId);
            return null;
        }
        catch (DownstreamException ex)
        {
            return StepFailure.Failed(ex, "shipping", "The order could not be shipped; you were not charged.");
        }
    }
}
