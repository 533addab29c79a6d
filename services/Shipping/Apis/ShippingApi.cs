using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Downstream;
using Platform.Shipping.Model;

namespace Platform.Shipping.Apis;

/// <summary><c>/api/shipping</c>: quote a shipment (priced by Quote), ship it (a tracking id). See the service README.</summary>
public static class ShippingApi
{
    public static IEndpointRouteBuilder MapShippingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/shipping").WithTags("Shipping");
        api.MapPost("/quote", GetQuote).WithName(nameof(GetQuote)).WithSummary("Prices shipping items to an address, through Quote.");
        api.MapPost("/ship", Ship).WithName(nameof(Ship)).WithSummary("Ships items to an address: a tracking id; international shipments are slowed by intlShippingSlowdown.");
        return app;
    }

    public static async Task<Results<Ok<ShippingQuote>, ValidationProblem, ProblemHttpResult>> GetQuote(
        ShippingRequest? request, [AsParameters] ShippingServices services, CancellationToken cancellationToken)
    {
        var shipment = Validate(request, services, out var problem);
        if (shipment is null) return problem!;

        ShippingQuote quote;
        try
        {
            quote = await services.Quotes.GetQuoteAsync(shipment.ItemCount, cancellationToken);
        }
        catch (DownstreamException ex)
        {
            return QuoteFailed(ex);
        }
        Activity.Current?.SetTag("app.shipping.cost.total", (double)quote.Cost);
        Log.Quoted(services.Logger, shipment.ItemCount, shipment.Country, quote.Cost, quote.Currency);
        return TypedResults.Ok(quote);
    }

    public static async Task<Results<Ok<Shipment>, ValidationProblem, ProblemHttpResult>> Ship(
        ShippingRequest? request, [AsParameters] ShippingServices services, CancellationToken cancellationToken)
    {
        var shipment = Validate(request, services, out var problem);
        if (shipment is null) return problem!;

        // Only the shipment itself is slowed: a quote is a price lookup, shipping is the order.
        if (!services.Options.Value.IsDomestic(shipment.Country))
        {
            var delay = await services.Slowdown.DelayAsync(shipment.Country, cancellationToken);
            if (delay > TimeSpan.Zero) Log.Slowed(services.Logger, shipment.Country, (long)delay.TotalMilliseconds);
        }

        ShippingQuote quote;
        try
        {
            quote = await services.Quotes.GetQuoteAsync(shipment.ItemCount, cancellationToken);
        }
        catch (DownstreamException ex)
        {
            return QuoteFailed(ex);
        }
        var trackingId = NewTrackingId();
        Activity.Current?.SetTag("app.shipping.tracking.id", trackingId);
        Activity.Current?.SetTag("app.shipping.cost.total", (double)quote.Cost);
        Log.Shipped(services.Logger, shipment.ItemCount, shipment.Country, trackingId);
        return TypedResults.Ok(new Shipment(trackingId, quote.Cost, quote.Currency));
    }

    /// <summary>Quote failed or was unreachable: 502/503/504 problem naming <c>quote</c>, recorded on the span.</summary>
    private static ProblemHttpResult QuoteFailed(DownstreamException ex)
    {
        Activity.Current?.AddException(ex);
        Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.Message);
        return TypedResults.Problem(ex.ToProblemDetails(detail: "The shipping price could not be obtained from Quote."));
    }

    /// <summary>A carrier-style id: <c>PLT-</c> and 16 upper-case hex digits from a cryptographic source (unguessable, so it can be shown to the shopper).</summary>
    public static string NewTrackingId() => "PLT-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private static ValidShipment? Validate(ShippingRequest? request, ShippingServices services, out ValidationProblem? problem)
    {
        var shipment = ShippingValidator.Validate(request, out var errors);
        problem = null;
        if (shipment is null)
        {
            Log.Rejected(services.Logger, string.Join(", ", errors.Keys));
            problem = TypedResults.ValidationProblem(errors, title: "The shipping request is invalid");
            return null;
        }

        var activity = Activity.Current;
        activity?.SetTag("app.shipping.items.count", shipment.ItemCount);
        activity?.SetTag("app.shipping.country", shipment.Country);
        activity?.SetTag("app.shipping.domestic", services.Options.Value.IsDomestic(shipment.Country));
        return shipment;
    }
}
