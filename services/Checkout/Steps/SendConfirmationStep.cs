using System.Diagnostics;
using Platform.Checkout.Infrastructure;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>
/// The last step: Email renders the order confirmation. The order is paid and published already, so
/// an Email failure is logged and marked on the span, never returned: the shopper still gets the 200.
/// </summary>
public sealed class SendConfirmationStep(EmailClient email, ILogger<SendConfirmationStep> logger) : ICheckoutStep
{
    public string Name => "email";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        try
        {
            await email.SendConfirmationAsync(order, CancellationToken.None);
        }
        catch (DownstreamException ex)
        {
            Log.ConfirmationFailed(logger, order.OrderId, ex);
            order.Activity?.AddEvent(new ActivityEvent("confirmation not sent"));
        }
        return null;
    }
}
