using Frontend.Infrastructure;
using Frontend.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Frontend.Apis;

/// <summary>
/// The public JSON API under <c>/api</c> that the load generator (and any client) drives. It mirrors
/// the internal APIs of ProductCatalog, Cart, Checkout, Recommendation and Ad and forwards to them. A failed call answers
/// by the one table of ServiceDefaults/Downstream: their 4xx problems come back with their status and
/// field errors; a 5xx or unreadable answer is 502, an unreachable service 503, no answer in time
/// 504; every problem names the service (<c>service</c>, <c>serviceStatus</c>). No antiforgery here.
/// </summary>
public static class ShopApi
{
    public const int MaxQuantity = 100;
    private const int MaxIdLength = 128;

    public static RouteGroupBuilder MapShopApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .AddEndpointFilter(DownstreamFilters.ProblemFilter)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithTags("Shop");

        api.MapGet("/products", GetProducts).WithName("ListProducts").WithSummary("Lists the products of the catalogue.");
        api.MapGet("/products/{id}", GetProduct).WithName("GetProduct").WithSummary("Gets one product (404 problem if unknown).");
        api.MapGet("/cart/{userId}", GetCart).WithName("GetCart").WithSummary("Gets a user's cart (empty items if none).");
        api.MapPost("/cart/{userId}/items", AddCartItem).WithName("AddCartItem").WithSummary("Adds a product to a user's cart (quantity 1..100).");
        api.MapDelete("/cart/{userId}", EmptyCart).WithName("EmptyCart").WithSummary("Empties a user's cart.");
        api.MapGet("/recommendations", GetRecommendations).WithName("GetRecommendations").WithSummary("Products related to the comma-separated productIds (Recommendation).");
        api.MapGet("/ads", GetAds).WithName("GetAds").WithSummary("Ads for the comma-separated contextKeys (categories), random when none matches (Ad).");
        api.MapPost("/checkout", PlaceOrder).WithName("PlaceOrder").WithSummary("Places the order of a user's cart.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<Product>>> GetProducts(CatalogClient catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.GetProductsAsync(ct));

    public static async Task<Results<Ok<Product>, ValidationProblem>> GetProduct(string id, CatalogClient catalog, CancellationToken ct)
    {
        // An id longer than any product's is answered here, not forwarded.
        if (id.Length > MaxIdLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"A product id has at most {MaxIdLength} characters."] });
        }

        FrontendTelemetry.Tag(FrontendTelemetry.ProductId, id);
        return TypedResults.Ok(await catalog.GetProductAsync(id, ct));
    }

    /// <remarks>Recommendation checks <c>productIds</c>; its 400 problem comes back as is.</remarks>
    public static async Task<Ok<IReadOnlyList<Product>>> GetRecommendations(string? productIds, RecommendationClient recommendations, CancellationToken ct) =>
        TypedResults.Ok(await recommendations.GetRecommendationsAsync(productIds, ct));

    /// <remarks>Ad checks <c>contextKeys</c>; its 400 problem comes back as is.</remarks>
    public static async Task<Ok<IReadOnlyList<Ad>>> GetAds(string? contextKeys, AdClient ads, CancellationToken ct) =>
        TypedResults.Ok(await ads.GetAdsAsync(contextKeys, ct));

    public static async Task<Results<Ok<Cart>, ValidationProblem>> GetCart(string userId, CartClient cart, CancellationToken ct)
    {
        if (ValidateUserId(userId) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await cart.GetCartAsync(userId, ct));
    }

    public static async Task<Results<Ok<Cart>, ValidationProblem>> AddCartItem(
        string userId, AddCartItemRequest request, CartClient cart, CatalogClient catalog, CancellationToken ct)
    {
        FrontendTelemetry.Tag(FrontendTelemetry.ProductId, request.ProductId);
        var errors = new Dictionary<string, string[]>();
        AddUserIdError(errors, userId);
        if (string.IsNullOrWhiteSpace(request.ProductId) || request.ProductId.Length > MaxIdLength)
        {
            errors["productId"] = ["A product id is required."];
        }

        if (request.Quantity is < 1 or > MaxQuantity)
        {
            errors["quantity"] = [$"The quantity must be between 1 and {MaxQuantity}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Only products of the catalogue go into a cart: an unknown id is the catalogue's 404.
        var product = await catalog.GetProductAsync(request.ProductId!, ct);
        return TypedResults.Ok(await cart.AddItemAsync(userId, product.Id, request.Quantity, ct));
    }

    public static async Task<Results<NoContent, ValidationProblem>> EmptyCart(string userId, CartClient cart, CancellationToken ct)
    {
        if (ValidateUserId(userId) is { } invalid)
        {
            return invalid;
        }

        await cart.EmptyCartAsync(userId, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<OrderResult>, ValidationProblem>> PlaceOrder(
        CheckoutRequest request, CheckoutClient checkout, IOptions<FrontendOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        AddUserIdError(errors, request.UserId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var order = await checkout.PlaceOrderAsync(
            request with { Currency = string.IsNullOrWhiteSpace(request.Currency) ? options.Value.Currency : request.Currency }, ct);
        FrontendTelemetry.Tag(FrontendTelemetry.OrderId, order.OrderId);
        Log.OrderPlaced(loggers.CreateLogger(typeof(ShopApi)), order.OrderId, request.UserId!, order.Items.Count, order.Total.Amount, order.Total.Currency);
        return TypedResults.Ok(order);
    }

    private static ValidationProblem? ValidateUserId(string? userId)
    {
        var errors = new Dictionary<string, string[]>();
        AddUserIdError(errors, userId);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static void AddUserIdError(Dictionary<string, string[]> errors, string? userId)
    {
        FrontendTelemetry.Tag(FrontendTelemetry.UserId, userId);
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxIdLength)
        {
            errors["userId"] = [$"A user id of 1 to {MaxIdLength} characters is required."];
        }
    }
}
