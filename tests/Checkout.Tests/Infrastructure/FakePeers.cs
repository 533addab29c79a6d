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
/// 500 for <see cref="FailingCard"/> and a 400 validation problem for <see cref="RejectedCard"/>.
/// </summary>
public sealed class FakePeers : IAsyncDisposable
{
    public const string FailingCard = "4000000000000002";
    public const string RejectedCard = "4111111111111112";
    public const string GoodCard = "4432801561520454";

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

    public ConcurrentBag<string> ChargeAttempts { get; } = [];

    public static async Task<FakePeers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakePeers? self = null;

        app.MapGet("/api/cart/{userId}", (string userId) =>
            Results.Ok(new { userId, items = self!.Carts.GetValueOrDefault(userId, []).Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }));
        app.MapDelete("/api/cart/{userId}", (string userId) =>
        {
            self!.Carts.TryRemove(userId, out _);
            return Results.NoContent();
        });
        app.MapGet("/api/products/{id}", (string id) => Prices.TryGetValue(id, out var price)
            ? Results.Ok(new { id, name = "Product " + id, description = "", picture = "", price = new { currency = "USD", amount = price }, categories = Array.Empty<string>() })
            : Results.Problem($"No product {id}", statusCode: 404));
        app.MapPost("/api/charges", (ChargeBody body) =>
        {
            self!.ChargeAttempts.Add(body.Card.Number);
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

    public sealed record ChargeBody(MoneyBody Amount, CardBody Card);

    public sealed record MoneyBody(string Currency, decimal Amount);

    public sealed record CardBody(string Number, string Cvv, int ExpirationMonth, int ExpirationYear);
}
