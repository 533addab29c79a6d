using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Checkout.Model;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;
using Platform.ServiceDefaults.Flags;

namespace Platform.Checkout.Infrastructure;

/// <summary>What <see cref="OrderPlacement"/> needs, bundled for DI.</summary>
public sealed record OrderPlacementServices(
    CartClient Cart,
    CatalogClient Catalog,
    PaymentClient Payment,
    OrderPublisher Publisher,
    PeakModeSimulator PeakMode,
    IFeatureFlags Flags,
    CheckoutTelemetry Telemetry,
    TimeProvider Time,
    IOptions<CheckoutOptions> Options,
    ILogger<OrderPlacement> Logger);

/// <summary>
/// Places an order, in the demo's order: validate; (peak-mode simulation); order id; cart; price each
/// item from the catalogue; quote shipping and make a tracking id; charge; publish <c>OrderPlaced</c> and
/// wait for Kafka's acknowledgement; empty the cart; answer. A publish failure after the charge voids the
/// charge and answers 503, so a shopper is never charged for an order that is not recorded. A failed call
/// to another service answers by the one table of ServiceDefaults/Downstream (see the README).
/// </summary>
public sealed class OrderPlacement(OrderPlacementServices s)
{
    public async Task<Results<Ok<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrderAsync(CheckoutRequest? request, CancellationToken ct)
    {
        using var activity = CheckoutTelemetry.ActivitySource.StartActivity("PlaceOrder");
        var options = s.Options.Value;
        var errors = CheckoutValidator.Validate(request, options.Currency);
        if (errors.Count > 0)
        {
            return Invalid(activity, errors, "The checkout request is invalid");
        }
        var userId = request!.UserId!;
        var currency = options.Currency;
        var flagContext = new FlagContext(userId);
        activity?.SetTag("app.user.id", userId);

        if (await s.Flags.GetBooleanAsync(FlagKeys.CheckoutPeakMode, false, flagContext, ct))
        {
            var decision = s.PeakMode.Next();
            activity?.SetTag("app.checkout.peak_mode.in_peak", decision.InPeak);
            activity?.SetTag("app.checkout.peak_mode.delay_ms", (long)decision.Delay.TotalMilliseconds);
            await Task.Delay(decision.Delay, s.Time, ct);
            if (decision.Fail)
            {
                Log.PeakModeFailure(s.Logger, (long)decision.Delay.TotalMilliseconds, decision.InPeak);
                return Fail(activity, "peak_mode", Problem(StatusCodes.Status503ServiceUnavailable, "Checkout is overloaded",
                    "Checkout is overloaded; please try again in a moment.", service: null), null, "", userId, "peak mode");
            }
        }

        var orderId = Guid.NewGuid().ToString();
        activity?.SetTag("app.order.id", orderId);

        // Cart.
        CartDto cart;
        try
        {
            cart = await s.Cart.GetCartAsync(userId, ct);
        }
        catch (DownstreamException ex)
        {
            return Downstream(activity, ex, "cart", orderId, userId, "Your cart could not be read.");
        }
        var cartItems = cart.Items.Where(i => i.Quantity > 0).ToList();
        if (cartItems.Count == 0)
        {
            return Invalid(activity, new Dictionary<string, string[]> { ["cart"] = ["The cart is empty."] }, "cart is empty");
        }

        // Prices.
        var lines = new List<PricedLine>(cartItems.Count);
        foreach (var item in cartItems)
        {
            ProductDto? product;
            try
            {
                product = await s.Catalog.GetProductAsync(item.ProductId, ct);
            }
            catch (DownstreamException ex)
            {
                return Downstream(activity, ex, "catalog", orderId, userId, $"The price of product {item.ProductId} could not be read.");
            }
            if (product is null)
            {
                return Invalid(activity, new Dictionary<string, string[]> { ["cart"] = [$"Product {item.ProductId} in the cart is no longer sold."] }, "The cart holds an unknown product");
            }
            if (!string.Equals(product.Price.Currency, currency, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(activity, "catalog", Problem(StatusCodes.Status502BadGateway, "Catalogue price in another currency",
                    $"Product {item.ProductId} is priced in {product.Price.Currency}, not {currency}; the Currency service is needed.", CatalogClient.ServiceName),
                    null, orderId, userId, "catalog");
            }
            lines.Add(new PricedLine(item.ProductId, item.Quantity, product.Price.Amount));
        }

        // Shipping, total.
        var shippingCost = OrderPricing.Shipping(lines, options.ShippingBaseCost, options.ShippingCostPerUnit);
        var total = OrderPricing.Total(lines, shippingCost);
        var trackingId = OrderPricing.NewTrackingId();
        activity?.SetTag("app.order.items.count", lines.Count);
        activity?.SetTag("app.order.total", (double)total);
        activity?.SetTag("app.shipping.tracking.id", trackingId);

        // Charge (POST, never retried).
        ChargeResult charge;
        try
        {
            var unreachable = await s.Flags.GetBooleanAsync(FlagKeys.PaymentUnreachable, false, flagContext, ct);
            charge = await s.Payment.ChargeAsync(new Money(currency, total), request.Card!, unreachable, CancellationToken.None);
        }
        catch (DownstreamException ex) when (ex.Failure == DownstreamFailure.Rejected && ex.ServiceStatusCode == StatusCodes.Status400BadRequest)
        {
            var cardErrors = ex.Errors is { Count: > 0 } ? new Dictionary<string, string[]>(ex.Errors) : new Dictionary<string, string[]> { ["card"] = [ex.Detail] };
            return Invalid(activity, cardErrors, "The card was rejected");
        }
        catch (DownstreamException ex)
        {
            return Downstream(activity, ex, "payment", orderId, userId, "Payment failed; you were not charged.");
        }
        activity?.SetTag("app.payment.transaction.id", charge.TransactionId);

        // Publish, acknowledged by Kafka; void the charge if that fails.
        var address = request.Address!;
        var placed = new OrderPlaced(orderId, userId, request.Email!,
            [.. lines.Select(l => new OrderItem(l.ProductId, l.Quantity, l.UnitPrice))],
            new ShippingInfo(new ShippingAddress(address.Street!, address.City!, address.State!, address.Country!, address.Zip!), trackingId, shippingCost),
            total, currency, s.Time.GetUtcNow());
        Messaging.KafkaDeliveryResult delivery;
        try
        {
            var extra = (int)Math.Clamp(await s.Flags.GetIntegerAsync(FlagKeys.KafkaQueueProblems, 0, flagContext, CancellationToken.None), 0, 10_000);
            activity?.SetTag("app.order.extra_copies", extra);
            // Once charged, finish the order even if the shopper's request is aborted.
            delivery = await s.Publisher.PublishAsync(placed, extra, CancellationToken.None);
        }
        catch (Exception ex)
        {
            var detail = "Your order could not be confirmed; the charge was voided. Please try again.";
            try
            {
                await s.Payment.VoidAsync(charge.TransactionId, CancellationToken.None);
                Log.ChargeVoided(s.Logger, orderId, charge.TransactionId);
            }
            catch (Exception voidError)
            {
                Log.VoidFailed(s.Logger, orderId, charge.TransactionId, voidError);
                detail = $"Your order could not be confirmed and the charge could not be voided automatically; contact support with order {orderId}.";
            }
            // Kafka did not acknowledge within the delivery timeout: "unreachable" in the one table.
            return Fail(activity, "publish", Problem(StatusCodes.Status503ServiceUnavailable, "Order not confirmed", detail, ResourceNames.Kafka), ex, orderId, userId, "publish");
        }

        // Empty the cart; the order stands either way.
        try
        {
            await s.Cart.EmptyCartAsync(userId, CancellationToken.None);
        }
        catch (DownstreamException ex)
        {
            Log.EmptyCartFailed(s.Logger, orderId, userId, ex);
            activity?.AddEvent(new ActivityEvent("cart not emptied"));
        }

        s.Telemetry.OrderPlaced(total, currency);
        Log.OrderPlaced(s.Logger, orderId, userId, lines.Count, total, currency, charge.TransactionId, delivery.Partition, delivery.Offset);
        return TypedResults.Ok(new CheckoutResponse(orderId, new Money(currency, total),
            [.. lines.Select(l => new CheckoutLine(l.ProductId, l.Quantity, new Money(currency, l.UnitPrice)))]));
    }

    private ValidationProblem Invalid(Activity? activity, IDictionary<string, string[]> errors, string title)
    {
        activity?.SetStatus(ActivityStatusCode.Error, title);
        activity?.SetTag("error.type", "validation");
        s.Telemetry.Failed("validation");
        return TypedResults.ValidationProblem(errors, title: title, detail: title == "cart is empty" ? "The cart is empty." : null);
    }

    private ProblemHttpResult Downstream(Activity? activity, DownstreamException ex, string reason, string orderId, string userId, string what)
    {
        // The status and the service fields are the one table's; only the words are Checkout's.
        var detail = (reason, ex.Failure) switch
        {
            ("payment", DownstreamFailure.Unavailable) => "The payment service could not be reached; you were not charged. Please try again.",
            ("payment", DownstreamFailure.TimedOut) => "The payment service did not answer in time; the order was not placed.",
            _ => $"{what} {ex.Detail}",
        };
        return Fail(activity, reason, ex.ToProblemDetails(detail: detail), ex, orderId, userId, reason);
    }

    private static ProblemDetails Problem(int status, string title, string detail, string? service)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (service is not null)
        {
            problem.Extensions[DownstreamFailures.ServiceExtension] = service;
        }

        return problem;
    }

    private ProblemHttpResult Fail(Activity? activity, string reason, ProblemDetails problem, Exception? ex, string orderId, string userId, string step)
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
