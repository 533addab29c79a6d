using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// The Kafka endpoint goes away (the dashboard's Stop command on the mock cluster): Checkout answers 503,
/// every charge it made is voided, and only orders Kafka acknowledged were confirmed. It stops Kafka for good,
/// so it has a Platform of its own.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class KafkaOutageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const int Shoppers = 3;
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    // Checkout waits for Kafka's acknowledgement up to Kafka:Producer:DeliveryTimeout (10 s), then voids the charge;
    // the rest is room for a loaded machine. A hung checkout would meet Frontend's 30 s timeout and answer 504.
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task When_kafka_is_gone_checkout_answers_503_voids_every_charge_and_confirms_only_what_kafka_holds()
    {
        using var shop = platform.Shop();
        var confirmed = await CheckoutAsync(shop, NewShoppers(1));
        var failedShoppers = NewShoppers(Shoppers);
        foreach (var userId in failedShoppers)
        {
            await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        }

        await platform.App.StopResourceAsync(ResourceNames.Kafka);
        var started = DateTime.UtcNow;
        var failed = await Task.WhenAll(failedShoppers.Select(userId => CheckoutOnceAsync(shop, userId)));
        var elapsed = DateTime.UtcNow - started;

        // Every shopper after the outage is told, in bounded time, that the order was not confirmed.
        Assert.True(elapsed < AnswerWithin, $"the checkouts took {elapsed}");
        foreach (var (userId, status, body) in failed)
        {
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{userId}: checkout → {(int)status}: {body}");
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("Your order could not be confirmed; the charge was voided. Please try again.", problem.GetProperty("detail").GetString());
            Assert.Single((await shop.GetCartAsync(userId)).GetProperty("items").EnumerateArray());
            Assert.Equal(0, await platform.Orders.CountOrdersOfUserAsync(userId));
            await AssertChargeVoidedAsync(userId);
        }
        // The order confirmed before the outage was in Kafka (read while it was up) and reached the ledger.
        Assert.NotNull(await platform.Orders.WaitForOrderAsync(Assert.Single(confirmed), Eventually));
    }

    /// <summary>Checks out every shopper while Kafka is up; each confirmed order is on the topic before the call returns.</summary>
    private async Task<List<string>> CheckoutAsync(ShopApi shop, IEnumerable<string> userIds)
    {
        var orderIds = new List<string>();
        foreach (var userId in userIds)
        {
            await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
            using var response = await shop.CheckoutAsync(userId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
            Assert.Single(platform.OrdersTopic.MessagesOf(orderId));
            orderIds.Add(orderId);
        }
        return orderIds;
    }

    private static async Task<(string UserId, HttpStatusCode Status, string Body)> CheckoutOnceAsync(ShopApi shop, string userId)
    {
        using var response = await shop.CheckoutAsync(userId);
        return (userId, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Finds the charge Payment made in this shopper's checkout (its span names the transaction) and asks
    /// Payment to void it again: 409 "already voided" is Payment's own word that the void happened.
    /// </summary>
    private async Task AssertChargeVoidedAsync(string userId)
    {
        var checkoutSpan = await platform.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == ResourceNames.Checkout && s.Attribute("app.user.id") == userId, Eventually);
        Assert.NotNull(checkoutSpan);
        var trace = await platform.Telemetry.WaitForTraceAsync(checkoutSpan.TraceId, t => Charge(t) is not null && HasVoid(t), Eventually);
        var charge = Charge(trace);
        Assert.True(charge is not null, $"no charge in the trace of {userId}; it has:\n" + string.Join("\n", trace));
        Assert.True(HasVoid(trace), $"no void in the trace of {userId}; it has:\n" + string.Join("\n", trace));

        using var payment = platform.App.CreateHttpClient(ResourceNames.Payment);
        using var again = await payment.PostAsync($"/api/charges/{charge.Attribute("app.payment.transaction.id")}/void", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static ReceivedSpan? Charge(IReadOnlyList<ReceivedSpan> trace) =>
        trace.FirstOrDefault(s => s.ServiceName == ResourceNames.Payment && s.Name == "POST /api/charges" && s.Kind == ReceivedSpan.KindServer
            && s.Attribute("app.payment.transaction.id") is not null);

    private static bool HasVoid(IReadOnlyList<ReceivedSpan> trace) =>
        trace.Any(s => s.ServiceName == ResourceNames.Payment && s.Name == "POST /api/charges/{transactionId}/void" && s.Kind == ReceivedSpan.KindServer);

    private static List<string> NewShoppers(int count) => [.. Enumerable.Range(0, count).Select(_ => $"e2e-{Guid.NewGuid():N}")];
}
