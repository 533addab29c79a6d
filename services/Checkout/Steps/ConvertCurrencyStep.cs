using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Steps;

/// <summary>
/// Converts each unit price into the order's currency through Currency (nothing to do, and no call, in
/// the catalogue's currency). Currency refusing the code is the shopper's 400 on <c>currency</c>.
/// </summary>
public sealed class ConvertCurrencyStep(CurrencyClient currency) : ICheckoutStep
{
    public string Name => "currency";

    public async Task<StepFailure?> RunAsync(OrderContext order, CancellationToken cancellationToken)
    {
        order.Activity?.SetTag("app.order.currency", order.Currency);
        try
        {
            var converted = new List<PricedLine>(order.Lines.Count);
            foreach (var line in order.Lines)
            {
                var price = await currency.ConvertAsync(line.UnitPrice, order.CatalogCurrency, order.Currency, cancellationToken);
                converted.Add(line with { UnitPrice = price });
            }
            order.Lines = converted;
            return null;
        }
        catch (DownstreamException ex)
        {
            return Failure(ex, order.Currency);
        }
    }

    /// <summary>Shared with the shipping quote, whose cost is converted the same way.</summary>
    public static StepFailure Failure(DownstreamException ex, string code) =>
        ex.Failure == DownstreamFailure.Rejected && ex.ServiceStatusCode == StatusCodes.Status400BadRequest
            ? StepFailure.Invalid(new Dictionary<string, string[]> { ["currency"] = [$"{code} is not a supported currency. {ex.Detail}"] }, "Unsupported currency")
            : StepFailure.Failed(ex, "currency", $"Prices could not be converted to {code}.");
}
