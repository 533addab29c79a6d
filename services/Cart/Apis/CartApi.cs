using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Cart.Infrastructure;
using Platform.Cart.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.Cart.Apis;

/// <summary>
/// <c>/api/cart/{userId}</c>: get, add an item, empty. See the service README for the contract.
/// </summary>
public static class CartApi
{
    /// <summary>While on, emptying a cart fails (as in the OpenTelemetry demo, where EmptyCart hits a bad Redis).</summary>
    public const string FailureFlag = Platform.Contracts.FlagKeys.CartFailure;

    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cart").WithTags("Cart");

        api.MapGet("/{userId}", GetCart).WithName(nameof(GetCart)).WithSummary("Gets a user's cart (no items if the user has none).");
        api.MapPost("/{userId}/items", AddItem).WithName(nameof(AddItem)).WithSummary("Adds a quantity of a product; quantities of the same product add up. Returns the cart.");
        api.MapDelete("/{userId}", EmptyCart).WithName(nameof(EmptyCart)).WithSummary("Empties a user's cart (204 whether or not it had items).");

        return app;
    }

    public static async Task<Results<Ok<ShoppingCart>, ValidationProblem, ProblemHttpResult>> GetCart(
        string userId, [AsParameters] CartServices services)
    {
        var errors = CartValidation.ValidateUserId(userId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Activity.Current?.SetTag("app.user.id", userId);
        try
        {
            var cart = await services.Store.GetAsync(userId);
            Activity.Current?.SetTag("app.cart.items.count", cart.Items.Count);
            return TypedResults.Ok(cart);
        }
        catch (CartStorageException ex)
        {
            return StoreFailed("get", userId, ex, services, StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static async Task<Results<Ok<ShoppingCart>, ValidationProblem, ProblemHttpResult>> AddItem(
        string userId, AddItemRequest? request, [AsParameters] CartServices services)
    {
        var errors = CartValidation.ValidateAddItem(userId, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var productId = request!.ProductId!.Trim();
        var quantity = request.Quantity!.Value;
        Activity.Current?.SetTag("app.user.id", userId);
        Activity.Current?.SetTag("app.product.id", productId);
        Activity.Current?.SetTag("app.product.quantity", quantity);
        try
        {
            var cart = await services.Store.AddItemAsync(userId, productId, quantity);
            services.Metrics.ItemsAdded(quantity);
            Log.ItemAdded(services.Logger, userId, productId, quantity);
            Activity.Current?.SetTag("app.cart.items.count", cart.Items.Count);
            return TypedResults.Ok(cart);
        }
        catch (CartStorageException ex)
        {
            return StoreFailed("add to", userId, ex, services, StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EmptyCart(
        string userId, [AsParameters] CartServices services, CancellationToken cancellationToken)
    {
        var errors = CartValidation.ValidateUserId(userId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Activity.Current?.SetTag("app.user.id", userId);
        var failing = false;
        try
        {
            // With cartFailure on, the same DEL goes to a Redis address where nothing listens: the trace
            // shows a real failed Redis span, not a synthetic error.
            failing = await services.Flags.GetBooleanAsync(FailureFlag, false, new FlagContext(userId), cancellationToken);
            var store = failing ? services.FailureStore : services.Store;
            await store.EmptyAsync(userId);
            services.Metrics.CartEmptied();
            Log.CartEmptied(services.Logger, userId);
            return TypedResults.NoContent();
        }
        catch (CartStorageException ex)
        {
            // cartFailure keeps its documented 500 (a fault of the cart); a Redis outage is a 503 (try again later).
            return StoreFailed("empty", userId, ex, services, failing ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static ProblemHttpResult StoreFailed(string operation, string userId, CartStorageException exception, CartServices services, int statusCode)
    {
        var activity = Activity.Current;
        activity?.AddException(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        Log.CartStoreFailed(services.Logger, operation, userId, exception);
        return TypedResults.Problem(
            title: "Cart storage failure",
            detail: $"Could not {operation} the cart of user '{userId}': the cart storage failed ({exception.InnerException?.GetType().Name}).",
            statusCode: statusCode);
    }
}
