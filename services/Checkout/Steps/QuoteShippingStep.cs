using Platform.Checkout.Infrastructure;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>Asks Shipping for the cost of shipping the order's units to its address, then converts it into the order's currency.</summary>
public sealed class QuoteShippingStep(ShippingClient shipping, CurrencyClient currency) : ICheckoutStep
{
    public string Name => "shipping quote";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        ShippingQuoteDto quote;
        try
        {
            quote = await shipping.QuoteAsync(order.Units, order.Request.Address!, cancellationToken);
        }
        catch (DownstreamException ex)
        {
            return StepFailure.Failed(ex, "shipping", "Shipping could not be quoted.");
        }

        try
        {
            order.ShippingCost = await currency.ConvertAsync(quote.Cost, quote.Currency, order.Currency, cancellationToken);
        }
        catch (DownstreamException ex)
        {
            return ConvertCurrencyStep.Failure(ex, order.Currency);
        }

        order.Activity?.SetTag("app.order.total", (double)order.Total);
        return null;
    }
}
