using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;
using Platform.ServiceDefaults.Flags;

namespace Platform.Checkout.Steps;

/// <summary>
/// Charges the total (lines + shipping, in the order's currency) through Payment. POST, never retried;
/// not cancelled by the shopper's request either, so a charge is never left half-made. Payment's 400 is
/// the card being wrong: its field errors are the shopper's 400.
/// </summary>
public sealed class ChargeStep(PaymentClient payment, IFeatureFlags flags) : ICheckoutStep
{
    public string Name => "payment";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        try
        {
            var unreachable = await flags.GetBooleanAsync(FlagKeys.PaymentUnreachable, false, order.FlagContext, cancellationToken);
            var charge = await payment.ChargeAsync(new Money(order.Currency, order.Total), order.Request.Card!, unreachable, CancellationToken.None);
            order.TransactionId = charge.TransactionId;
            order.Activity?.SetTag("app.payment.transaction.id", charge.TransactionId);
            return null;
        }
        catch (DownstreamException ex) when (ex.Failure == DownstreamFailure.Rejected && ex.ServiceStatusCode == StatusCodes.Status400BadRequest)
        {
            var errors = ex.Errors is { Count: > 0 } ? new Dictionary<string, string[]>(ex.Errors) : new Dictionary<string, string[]> { ["card"] = [ex.Detail] };
            return StepFailure.Invalid(errors, "The card was rejected");
        }
        catch (DownstreamException ex)
        {
            return StepFailure.Failed(ex, "payment", "Payment failed; you were not charged.");
        }
    }
}
