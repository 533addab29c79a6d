using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>An order in euros through the storefront's API, followed through every service of the order path.</summary>
[Collection(SharedPlatform.Name)]
public sealed class OrderServicesTests(PlatformFixture platform)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_checkout_in_euros_goes_through_currency_shipping_quote_payment_kafka_and_email_in_one_trace()
    {
        // Arrange: a cart with two products.
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        await shop.AddToCartAsync(userId, ShopApi.OtherProduct, 2);

        // Act: check out in euros.
        using var response = await shop.CheckoutAsync(userId, "EUR");

        // Assert: the order is in euros, shipped, and stored in euros...
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var orderId = body.GetProperty("orderId").GetString()!;
        Assert.Equal("EUR", body.GetProperty("total").GetProperty("currency").GetString());
        var stored = await platform.Orders.WaitForOrderAsync(orderId, Eventually);
        Assert.NotNull(stored);
        Assert.Equal("EUR", stored.Currency);
        Assert.StartsWith("PLT-", stored.TrackingId);

        // ...and one trace runs through currency, shipping, quote, payment, Kafka, email and accounting.
        var traceId = OrdersTopic.TraceIdOf(Assert.Single(platform.OrdersTopic.MessagesOf(orderId)).Message);
        Assert.NotNull(traceId);
        var trace = await platform.Telemetry.WaitForTraceAsync(traceId, HasEveryHop, Eventually);
        Assert.True(HasEveryHop(trace), "the trace misses a hop; it has:\n" + string.Join("\n", trace));
        Assert.DoesNotContain(trace, s => s.StatusCode == ReceivedSpan.StatusError);
    }

    private static bool Server(ReceivedSpan s, string service, string name) =>
        s.ServiceName == service && s.Name == name && s.Kind == ReceivedSpan.KindServer;

    /// <summary>The steps in DESIGN.md's order, each seen from the service that did it.</summary>
    private static bool HasEveryHop(IReadOnlyList<ReceivedSpan> trace) =>
        trace.Any(s => Server(s, "checkout", "POST /api/checkout"))
        && trace.Any(s => Server(s, "currency", "POST /api/currencies/convert"))
        && trace.Any(s => Server(s, "shipping", "POST /api/shipping/quote"))
        && trace.Any(s => Server(s, "quote", "POST /api/quotes"))
        && trace.Any(s => Server(s, "shipping", "POST /api/shipping/ship"))
        && trace.Any(s => Server(s, "payment", "POST /api/charges"))
        && trace.Any(s => s.ServiceName == "checkout" && s.Name == "orders publish" && s.Kind == ReceivedSpan.KindProducer)
        && trace.Any(s => Server(s, "email", "POST /api/confirmations"))
        && trace.Any(s => s.ServiceName == "accounting" && s.Name == "orders process" && s.Kind == ReceivedSpan.KindConsumer);
}
