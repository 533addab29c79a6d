using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frontend.Tests.Peers;

/// <summary>Wire records of the internal APIs (common.md), written here on purpose rather than shared with the frontend.</summary>
public sealed record PeerMoney(string Currency, decimal Amount);

public sealed record PeerProduct(string Id, string Name, string Description, string Picture, PeerMoney Price, string[] Categories);

public sealed record PeerCartItem(string ProductId, int Quantity);

public sealed record PeerCart(string UserId, PeerCartItem[] Items);

public sealed record PeerAddress(string? Street, string? City, string? State, string? Country, string? Zip);

public sealed record PeerCard(string? Number, string? Cvv, int ExpirationMonth, int ExpirationYear);

public sealed record PeerCheckoutRequest(string? UserId, string? Email, string? Currency, PeerAddress? Address, PeerCard? Card);

public sealed record PeerOrderItem(string ProductId, int Quantity, PeerMoney Price);

public sealed record PeerOrder(string OrderId, PeerMoney Total, PeerOrderItem[] Items);

/// <summary>
/// ProductCatalog, Cart and Checkout as three tiny real Kestrel apps on 127.0.0.1 (random ports),
/// implementing the internal APIs of common.md over in-memory state. Fault triggers, by data so
/// tests stay independent: product <see cref="FailingProductId"/> answers 500 (like
/// productCatalogFailure); carts of users starting with <see cref="BrokenCartPrefix"/> answer 500
/// (like cartFailure); checkout with an e-mail starting with <see cref="PaymentDownEmailPrefix"/>
/// answers 502, with <see cref="KafkaDownEmailPrefix"/> 503 (an order Kafka did not confirm);
/// product <see cref="GarbageProductId"/> answers an HTML page, <see cref="SlowProductId"/> answers
/// after <see cref="SlowDelay"/>.
/// </summary>
public sealed class ShopPeers : IAsyncDisposable
{
    public const string FailingProductId = "FAILING01";
    public const string XssProductId = "XSS0000001";
    public const string XssProductName = "<script>alert('pwned')</script> Scope";
    public const string BrokenCartPrefix = "broken-";
    public const string PaymentDownEmailPrefix = "payment-down";
    public const string KafkaDownEmailPrefix = "kafka-down";
    public const string GarbageProductId = "GARBAGE001";
    public const string SlowProductId = "SLOW000001";
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(8);

    public static readonly PeerProduct Explorascope = Product("OLJCESPC7Z", "National Park Foundation Explorascope", 101.96m, "telescopes");
    public static readonly PeerProduct Starsense = Product("66VCHSJNUP", "Starsense Explorer Refractor Telescope", 349.95m, "telescopes");
    public static readonly PeerProduct RedFlashlight = Product("0PUK6V6EV0", "Red Flashlight", 57.80m, "accessories");

    private readonly List<WebApplication> _apps = [];

    public ConcurrentDictionary<string, PeerProduct> Products { get; } = new(new[]
    {
        Explorascope, Starsense, RedFlashlight,
        Product(XssProductId, XssProductName, 9.99m, "accessories", picture: "/images/products/L9ECAV7KIM.svg"),
        Product(FailingProductId, "Always Failing Lens", 1m, "accessories"),
    }.ToDictionary(p => p.Id));

    public ConcurrentDictionary<string, ConcurrentDictionary<string, int>> Carts { get; } = new();

    /// <summary>Every order the checkout peer placed, by user id (the tests compare what the pages show with it).</summary>
    public ConcurrentDictionary<string, PeerOrder> Orders { get; } = new();

    /// <summary>The last request body the checkout peer received, by user id.</summary>
    public ConcurrentDictionary<string, PeerCheckoutRequest> CheckoutRequests { get; } = new();

    public Uri CatalogAddress { get; private set; } = null!;
    public Uri CartAddress { get; private set; } = null!;
    public Uri CheckoutAddress { get; private set; } = null!;

    public static async Task<ShopPeers> StartAsync()
    {
        var peers = new ShopPeers();
        peers.CatalogAddress = await peers.StartAppAsync(peers.MapCatalog);
        peers.CartAddress = await peers.StartAppAsync(peers.MapCart);
        peers.CheckoutAddress = await peers.StartAppAsync(peers.MapCheckout);
        return peers;
    }

    /// <remarks>The picture is the catalogue's for the real ids (<c>/images/products/{id}.svg</c>), so the pages show no broken image.</remarks>
    private static PeerProduct Product(string id, string name, decimal price, string category, string? picture = null) =>
        new(id, name, $"A fine {category} item.", picture ?? $"/images/products/{id}.svg", new PeerMoney("USD", price), [category]);

    private async Task<Uri> StartAppAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        _apps.Add(app);
        return new Uri(app.Urls.First());
    }

    private void MapCatalog(WebApplication app)
    {
        app.MapGet("/api/products", () => Products.Values.Where(p => p.Id != FailingProductId).OrderBy(p => p.Name).ToArray());
        app.MapGet("/api/products/{id}", async (string id, CancellationToken ct) =>
        {
            if (id == SlowProductId)
            {
                await Task.Delay(SlowDelay, ct);
            }

            return id switch
            {
                FailingProductId => Results.Problem(statusCode: 500, title: "Product catalog failure", detail: $"Simulated failure for product {id} (productCatalogFailure)."),
                GarbageProductId => Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html"),
                _ => Products.TryGetValue(id, out var product)
                    ? Results.Ok(product)
                    : Results.Problem(statusCode: 404, title: "Product not found", detail: $"No product with id '{id}'."),
            };
        });
    }

    private void MapCart(WebApplication app)
    {
        app.MapGet("/api/cart/{userId}", (string userId) => userId.StartsWith(BrokenCartPrefix, StringComparison.Ordinal)
            ? Results.Problem(statusCode: 500, title: "Cart failure", detail: "Simulated cart failure (cartFailure).")
            : Results.Ok(CartOf(userId)));
        app.MapPost("/api/cart/{userId}/items", (string userId, PeerCartItem item) =>
        {
            if (item.Quantity < 1)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["Must be positive."] });
            }

            Carts.GetOrAdd(userId, _ => new()).AddOrUpdate(item.ProductId, item.Quantity, (_, q) => q + item.Quantity);
            return Results.Ok(CartOf(userId));
        });
        app.MapDelete("/api/cart/{userId}", (string userId) =>
        {
            Carts.TryRemove(userId, out _);
            return Results.NoContent();
        });
    }

    private void MapCheckout(WebApplication app) => app.MapPost("/api/checkout", (PeerCheckoutRequest request) =>
    {
        var userId = request.UserId ?? "";
        CheckoutRequests[userId] = request;
        var errors = new Dictionary<string, string[]>();
        if (request.Email is null || !request.Email.Contains('@'))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        if (request.Card?.Number is not { Length: 16 } number || !number.All(char.IsAsciiDigit))
        {
            errors["card.number"] = ["The card number must be 16 digits."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, detail: "The order is not valid.");
        }

        if (request.Email!.StartsWith(PaymentDownEmailPrefix, StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: 502, title: "Payment failed", detail: "payment answered 500: simulated payment failure (paymentFailure).");
        }

        if (request.Email!.StartsWith(KafkaDownEmailPrefix, StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: 503, title: "Order not confirmed", detail: "Your order could not be confirmed; the charge was voided. Please try again.");
        }

        var items = CartOf(userId).Items;
        if (items.Length == 0)
        {
            return Results.Problem(statusCode: 400, title: "Empty cart", detail: "The cart is empty: add a product before checking out.");
        }

        var priced = items.Select(i => new PeerOrderItem(i.ProductId, i.Quantity, Products[i.ProductId].Price)).ToArray();
        var order = new PeerOrder(Guid.NewGuid().ToString(), new PeerMoney("USD", priced.Sum(i => i.Price.Amount * i.Quantity)), priced);
        Orders[userId] = order;
        Carts.TryRemove(userId, out _);
        return Results.Ok(order);
    });

    private PeerCart CartOf(string userId) => new(userId, Carts.TryGetValue(userId, out var cart)
        ? cart.OrderBy(p => p.Key).Select(p => new PeerCartItem(p.Key, p.Value)).ToArray()
        : []);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
