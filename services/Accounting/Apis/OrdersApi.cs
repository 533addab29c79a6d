using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Accounting.Infrastructure;
using Platform.Accounting.Model;
using Platform.Contracts;

namespace Platform.Accounting.Apis;

/// <summary>Read API over the stored orders (for operators and tests).</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders");
        api.MapGet("/{orderId}", GetOrder).WithName("GetOrder").WithSummary("A stored order with its items and shipping (the OrderPlaced shape).");
        return app;
    }

    /// <summary>
    /// <c>GET /api/orders/{orderId}</c>: 200 with the order, 404 problem when it is not stored, 400 naming
    /// <c>orderId</c> when no order could have that id (too long, or a control character such as NUL,
    /// which PostgreSQL refuses in text and would otherwise fail the query).
    /// </summary>
    public static async Task<Results<Ok<OrderPlaced>, ProblemHttpResult, ValidationProblem>> GetOrder(string orderId, OrderStore store, CancellationToken cancellationToken)
    {
        if (orderId.Length > OrderMapping.MaxIdLength || orderId.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["orderId"] = [$"An order id has 1 to {OrderMapping.MaxIdLength} characters and no control characters."],
            });
        }

        var order = await store.FindAsync(orderId, cancellationToken);
        return order is null
            ? TypedResults.Problem($"Order '{orderId}' is not stored.", statusCode: StatusCodes.Status404NotFound, title: "Order not found")
            : TypedResults.Ok(order.ToEvent());
    }
}
