using Platform.Checkout.Infrastructure;
using Platform.Contracts;
using Platform.ServiceDefaults.Flags;

namespace Platform.Checkout.Steps;

/// <summary>
/// Publishes <c>OrderPlaced</c> and waits for Kafka's acknowledgement (<c>kafkaQueueProblems</c> = N adds
/// N copies). If Kafka does not acknowledge, the charge is voided and the answer is 503, so a shopper is
/// never charged for an order that is not recorded.
/// </summary>
public sealed class PublishOrderStep(OrderPublisher publisher, PaymentClient payment, IFeatureFlags flags, TimeProvider time, ILogger<PublishOrderStep> logger) : ICheckoutStep
{
    public string Name => "publish";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        var address = order.Request.Address!;
        var placed = new OrderPlaced(order.OrderId, order.UserId, order.Request.Email!,
            [.. order.Lines.Select(l => new OrderItem(l.ProductId, l.Quantity, l.UnitPrice))],
            new ShippingInfo(new ShippingAddress(address.Street!, address.City!, address.State!, address.Country!, address.Zip!), order.TrackingId, order.ShippingCost),
            order.Total, order.Currency, time.GetUtcNow());
        try
        {
            var extra = (int)Math.Clamp(await flags.GetIntegerAsync(FlagKeys.KafkaQueueProblems, 0, order.FlagContext, CancellationToken.None), 0, 10_000);
            order.Activity?.SetTag("app.order.extra_copies", extra);
            // Once charged, finish the order even if the shopper's request is aborted.
            order.Delivery = await publisher.PublishAsync(placed, extra, CancellationToken.None);
            return null;
        }
        catch (Exception ex)
        {
            var detail = "Your order could not be confirmed; the charge was voided. Please try again.";
            try
            {
                await payment.VoidAsync(order.TransactionId, CancellationToken.None);
                Log.ChargeVoided(logger, order.OrderId, order.TransactionId);
            }
            catch (Exception voidError)
            {
                Log.VoidFailed(logger, order.OrderId, order.TransactionId, voidError);
                detail = $"Your order could not be confirmed and the charge could not be voided automatically; contact support with order {order.OrderId}.";
            }
            // Kafka did not acknowledge within the delivery timeout: "unreachable" in the one table.
            return StepFailure.Own("publish", StepFailure.ProblemOf(StatusCodes.Status503ServiceUnavailable, "Order not confirmed", detail, ResourceNames.Kafka), ex);
        }
    }
}
