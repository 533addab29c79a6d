using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;

namespace Platform.Checkout.Apis;

/// <summary>
/// <c>POST /api/checkout</c> <c>{ userId, email, currency, address: { street, city, state, country, zip },
/// card: { number, cvv, expirationMonth, expirationYear } }</c> → 200 <c>{ orderId, total, items }</c>
/// once the order is charged and acknowledged by Kafka; 400 validation problem (fields, empty cart, card
/// rejected by Payment); 502 when a service failed; 503 when one is unreachable, in a simulated peak, or
/// when the order could not be published (the charge is then voided).
/// </summary>
public static class CheckoutApi
{
    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checkout").WithTags("Checkout");
        api.MapPost("/", PlaceOrder).WithName(nameof(PlaceOrder)).WithSummary("Places the order of a user's cart: price, convert, quote and ship, charge, publish OrderPlaced, empty the cart.");
        return app;
    }

    public static Task<Results<Ok<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        CheckoutRequest? request, OrderPlacement placement, CancellationToken cancellationToken) =>
        placement.PlaceOrderAsync(request, cancellationToken);
}
