using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Checkout.Model;
using Platform.Checkout.Steps;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;
using Platform.ServiceDefaults.Flags;

namespace Platform.Checkout.Infrastructure;

/// <summary>The steps of placing an order, in the order they run (see <see cref="OrderPlacement"/>).</summary>
public sealed record CheckoutSteps(
    ReadCartStep Cart,
    PriceItemsStep Prices,
    ConvertCurrencyStep Currency,
    QuoteShippingStep ShippingQuote,
    ShipOrderStep Ship,
    ChargeStep Charge,
    PublishOrderStep Publish,
    EmptyCartStep EmptyCart,
    SendConfirmationStep Email)
{
    public IReadOnlyList<ICheckoutStep> InOrder { get; } = [Cart, Prices, Currency, ShippingQuote, Ship, Charge, Publish, EmptyCart, Email];
}

/// <summary>What <see cref="OrderPlacement"/> needs, bundled for DI.</summary>
public sealed record OrderPlacementServices(
    CheckoutSteps Steps,
    PeakModeSimulator PeakMode,
    IFeatureFlags Flags,
    CheckoutTelemetry Telemetry,
    TimeProvider Time,
    IOptions<CheckoutOptions> Options,
    ILogger<OrderPlacement> Logger);

/// <summary>
/// Places an order: validate; (peak-mode simulation); order id; then the steps in turn (cart, prices,
/// currency, shipping quote, ship, charge, publish, empty the cart, e-mail), each a small class in
/// <c>Steps/</c>; answer. A failed step answers at once; a failed call to another service answers by the
/// one table of ServiceDefaults/Downstream (see the README).
/// </summary>
public sealed class OrderPlacement(OrderPlacementServices s)
{
    public async Task<Results<Ok<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrderAsync(CheckoutRequest? request, CancellationToken ct)
    {
        using var activity = CheckoutTelemetry.ActivitySource.StartActivity("PlaceOrder");
        var errors = CheckoutValidator.Validate(request);
        if (errors.Count > 0)
        {
            return Invalid(activity, errors, "The checkout request is invalid");
        }
        var userId = request!.UserId!;
        var catalogCurrency = s.Options.Value.Currency;
        var currency = CheckoutValidator.CurrencyOf(request, catalogCurrency);
        activity?.SetTag("app.user.id", userId);

        if (await s.Flags.GetBooleanAsync(FlagKeys.CheckoutPeakMode, false, new FlagContext(userId), ct))
        {
            var decision = s.PeakMode.Next();
            activity?.SetTag("app.checkout.peak_mode.in_peak", decision.InPeak);
            activity?.SetTag("app.checkout.peak_mode.delay_ms", (long)decision.Delay.TotalMilliseconds);
            await Task.Delay(decision.Delay, s.Time, ct);
            if (decision.Fail)
            {
                Log.PeakModeFailure(s.Logger, (long)decision.Delay.TotalMilliseconds, decision.InPeak);
                return Fail(activity, "peak_mode", StepFailure.ProblemOf(StatusCodes.Status503ServiceUnavailable, "Checkout is overloaded",
                    "Checkout is overloaded; please try again in a moment.", service: null), null, "", userId, "peak mode");
            }
        }

        var order = new OrderContext(request, Guid.NewGuid().ToString(), currency, catalogCurrency, activity);
        activity?.SetTag("app.order.id", order.OrderId);
        foreach (var step in s.Steps.InOrder)
        {
            if (await step.RunAsync(order, ct) is { } failure)
            {
                return Answer(activity, failure, order, step.Name);
            }
        }

        s.Telemetry.OrderPlaced(order.Total, currency);
        Log.OrderPlaced(s.Logger, order.OrderId, userId, order.Lines.Count, order.Total, currency, order.TransactionId, order.Delivery!.Partition, order.Delivery.Offset);
        return TypedResults.Ok(new CheckoutResponse(order.OrderId, new Money(currency, order.Total),
            [.. order.Lines.Select(l => new CheckoutLine(l.ProductId, l.Quantity, new Money(currency, l.UnitPrice)))],
            new Money(currency, order.ShippingCost), order.TrackingId));
    }

    private Results<Ok<CheckoutResponse>, ValidationProblem, ProblemHttpResult> Answer(Activity? activity, StepFailure failure, OrderContext order, string step)
    {
        if (failure.Errors is not null)
        {
            return Invalid(activity, failure.Errors, failure.Title ?? "The checkout request is invalid");
        }
        if (failure.Downstream is { } ex)
        {
            // The status and the service fields are the one table's; only the words are Checkout's.
            var detail = (failure.Reason, ex.Failure) switch
            {
                ("payment", DownstreamFailure.Unavailable) => "The payment service could not be reached; you were not charged. Please try again.",
                ("payment", DownstreamFailure.TimedOut) => "The payment service did not answer in time; the order was not placed.",
                _ => $"{failure.What} {ex.Detail}",
            };
            return Fail(activity, failure.Reason, ex.ToProblemDetails(detail: detail), ex, order.OrderId, order.UserId, step);
        }
        return Fail(activity, failure.Reason, failure.Problem!, failure.Exception, order.OrderId, order.UserId, step);
    }

    private ValidationProblem Invalid(Activity? activity, IDictionary<string, string[]> errors, string title)
    {
        activity?.SetStatus(ActivityStatusCode.Error, title);
        activity?.SetTag("error.type", "validation");
        s.Telemetry.Failed("validation");
        return TypedResults.ValidationProblem(errors, title: title, detail: title == "cart is empty" ? "The cart is empty." : null);
    }

    private ProblemHttpResult Fail(Activity? activity, string reason, Microsoft.AspNetCore.Mvc.ProblemDetails problem, Exception? ex, string orderId, string userId, string step)
    {
        var detail = problem.Detail ?? problem.Title ?? reason;
        if (ex is not null)
        {
            activity?.AddException(ex);
        }
        activity?.SetStatus(ActivityStatusCode.Error, detail);
        activity?.SetTag("error.type", reason);
        var server = activity is not null ? activity.Parent : Activity.Current;
        server?.SetStatus(ActivityStatusCode.Error, detail);
        s.Telemetry.Failed(reason);
        Log.CheckoutFailed(s.Logger, orderId, userId, step, detail, ex);
        return TypedResults.Problem(problem);
    }
}
