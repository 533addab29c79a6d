using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Checkout.Tests.Infrastructure;

/// <summary>
/// Cart, ProductCatalog and Payment as one tiny real Kestrel app on 127.0.0.1, implementing their
/// internal APIs (common.md): carts in memory; a fixed catalogue; charges recorded. Payment answers
/// 500 for <see cref="FailingCard"/>, a 400 validation problem for <see cref="RejectedCard"/> and
/// nothing for <see cref="SlowDelay"/> for <see cref="SlowCard"/>. Cart answers an HTML page for users
/// starting with <see cref="GarbageCartPrefix"/> and a 400 validation problem for <see cref="RejectedCartPrefix"/>.
/// </summary>
public sealed class FakePeers : IAsyncDisposable
{
    public const string FailingCard = "4000000000000002";
    public const string RejectedCard = "4111111111111112";
    public const string GoodCard = "4432801561520454";
    public const string SlowCard = "4000000000000077";
    public const string FailingCountry = "Nowhere";
    public const string FailingEmail = "bounce@example.com";
    public const string GarbageCartPrefix = "garbage-";
    public const string RejectedCartPrefix = "rejected-";
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(8);

    public static readonly IReadOnlyDictionary<string, decimal> Prices = new Dictionary<string, decimal>
    {
        ["OLJCESPC7Z"] = 101.96m,
        ["66VCHSJNUP"] = 349.95m,
        ["1YMWWN1N4O"] = 109.99m,
    };

    private readonly WebApplication _app;

    private FakePeers(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public ConcurrentDictionary<string, List<(string ProductId, int Quantity)>> Carts { get; } = new();

    /// <summary>Charges by transaction id: amount and card number.</summary>
    public ConcurrentDictionary<string, decimal> Charges { get; } = new();

    public ConcurrentBag<string> Voided { get; } = [];

    /// <summary>The order id of every confirmation rendered.</summary>
    public ConcurrentBag<string> Confirmations { get; } = [];

    /// <summary>The country of every shipment made.</summary>
    public ConcurrentBag<string> Shipments { get; } = [];

    public ConcurrentBag<string> ChargeAttempts { get; } = [];

    public static async Task<FakePeers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakePeers? self = null;

        app.MapGet("/api/cart/{userId}", (string userId) => userId switch
        {
            _ when userId.StartsWith(GarbageCartPrefix, StringComparison.Ordinal) => Results.Text("<html><body>Welcome to nginx!</body></html>", "text/html"),
            _ when userId.StartsWith(RejectedCartPrefix, StringComparison.Ordinal) => Results.ValidationProblem(
                new Dictionary<string, string[]> { ["userId"] = ["The user id holds characters a cart key cannot."] }, title: "Invalid user id"),
            _ => Results.Ok(new { userId, items = self!.Carts.GetValueOrDefault(userId, []).Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
        });
        app.MapDelete("/api/cart/{userId}", (string userId) =>
        {
            self!.Carts.TryRemove(userId, out _);
            return Results.NoContent();
        });
        app.MapGet("/api/products/{id}", (string id) => Prices.TryGetValue(id, out var price)
            ? Results.Ok(new { id, name = "Product " + id, description = "", picture = "", price = new { currency = "USD", amount = price }, categories = Array.Empty<string>() })
            : Results.Problem($"No product {id}", statusCode: 404));
        app.MapPost("/api/charges", async (ChargeBody body, CancellationToken ct) =>
        {
            self!.ChargeAttempts.Add(body.Card.Number);
            if (body.Card.Number == SlowCard)
            {
                await Task.Delay(SlowDelay, ct);
                return Results.Problem("A slow charge is never made", statusCode: 500);
            }
            if (body.Card.Number == FailingCard)
            {
                return Results.Problem("Payment request failed. Invalid token. app.loyalty.level=gold", statusCode: 500, title: "Payment failed");
            }
            if (body.Card.Number == RejectedCard)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["card.number"] = ["The card number is not valid (Luhn check)."] });
            }
            var id = Guid.NewGuid().ToString();
            self.Charges[id] = body.Amount.Amount;
            return Results.Ok(new { transactionId = id });
        });
        // Shipping: Quote's formula (5.99 + 1.00 per item); country "Nowhere" fails as Shipping would when Quote is down.
        app.MapPost("/api/shipping/quote", (ShippingBody body) => body.Address.Country == FailingCountry
            ? Results.Problem("Quote is down", statusCode: 503)
            : Results.Ok(new { cost = 5.99m + body.ItemCount, currency = "USD" }));
        app.MapPost("/api/shipping/ship", (ShippingBody body) =>
        {
            self!.Shipments.Add(body.Address.Country);
            return Results.Ok(new { trackingId = "PLT-" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), cost = 5.99m + body.ItemCount, currency = "USD" });
        });
        // Currency: USD → EUR at 0.5 exactly; any other target is refused the way Currency refuses it.
        app.MapPost("/api/currencies/convert", (ConversionBody body) => body.To == "EUR" && body.From.Currency == "USD"
            ? Results.Ok(new { result = new { currency = "EUR", amount = Math.Round(body.From.Amount * 0.5m, 2, MidpointRounding.AwayFromZero) }, ratesDate = "2026-11-30" })
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["must be a supported currency code: EUR, USD"] }));
        // Email: records each confirmation's recipient; one for FailingEmail answers 500.
        app.MapPost("/api/confirmations", (ConfirmationBody body) =>
        {
            if (body.Email == FailingEmail) return Results.Problem("SMTP relay down", statusCode: 500);
            self!.Confirmations.Add(body.OrderId);
            return Results.Ok(new { from = "orders@platform.example", to = body.Email, subject = "Your order", html = "<p></p>" });
        });
        app.MapPost("/api/charges/{id}/void", (string id) =>
        {
            if (!self!.Charges.ContainsKey(id))
            {
                return Results.Problem("unknown", statusCode: 404);
            }
            self.Voided.Add(id);
            return Results.Ok(new { transactionId = id, status = "voided" });
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakePeers(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record ShippingBody(int ItemCount, AddressBody Address);

    public sealed record AddressBody(string Street, string City, string State, string Country, string Zip);

    public sealed record ConfirmationBody(string Email, string OrderId);

    public sealed record ConversionBody(MoneyBody From, string To);

    public sealed record ChargeBody(MoneyBody Amount, CardBody Card);

    public sealed record MoneyBody(string Currency, decimal Amount);

    public sealed record CardBody(string Number, string Cvv, int ExpirationMonth, int ExpirationYear);
}
