using System.Globalization;
using EndToEnd.Tests.Support;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace EndToEnd.Tests;

/// <summary>A shopper buys two products in the storefront; the order is followed to every place it must land.</summary>
[Collection(SharedPlatform.Name)]
public sealed class PurchaseTests(PlatformFixture platform)
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_purchase_in_the_browser_lands_in_postgres_empties_the_cart_and_is_one_trace()
    {
        // Arrange: a shopper with two products in the cart.
        await using var shop = await Storefront.OpenAsync(platform.App.GetEndpoint(ResourceNames.Frontend));
        await shop.AddToCartAsync("Starhopper 130 Smart Reflector", 1);
        await shop.AddToCartAsync("Eclipse Traveller 50 Solar Refractor", 2);
        var userId = await shop.UserIdAsync();

        // Act: place the order from the cart page.
        var orderId = await shop.PlaceOrderAsync();

        // Assert: the confirmation page names the order...
        Assert.Equal("Thank you! Your order is placed.", await shop.Page.Locator("h1").InnerTextAsync());
        var shownTotal = await shop.Page.Locator("td.total").InnerTextAsync();

        // ...PostgreSQL has the order, its two items and its total (what the page showed)...
        var stored = await platform.Orders.WaitForOrderAsync(orderId, Eventually);
        Assert.NotNull(stored);
        Assert.Equal(userId, stored.UserId);
        Assert.Equal(["1YMWWN1N4O", "66VCHSJNUP"], stored.Items.Select(i => i.ProductId));
        Assert.Equal([2, 1], stored.Items.Select(i => i.Quantity));
        Assert.Equal(shownTotal, "$" + stored.Total.ToString("#,##0.00", CultureInfo.InvariantCulture));
        Assert.Equal("USD", stored.Currency);
        Assert.StartsWith("PLT-", stored.TrackingId);

        // ...the cart is gone from Redis...
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(platform.RedisConnectionString))
        {
            Assert.False(await redis.GetDatabase().KeyExistsAsync($"cart:{userId}"));
        }

        // ...and the Kafka message carries the checkout's trace, which runs from the storefront to the row in PostgreSQL.
        var message = Assert.Single(platform.OrdersTopic.MessagesOf(orderId)).Message;
        var traceId = OrdersTopic.TraceIdOf(message);
        var checkoutSpan = await platform.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "checkout" && s.Attribute("app.order.id") == orderId, Eventually);
        Assert.True(checkoutSpan is not null, "no checkout span names the order; checkout sent:\n" + string.Join("\n", platform.Telemetry.Spans.Where(s => s.ServiceName == "checkout")));
        Assert.Equal(checkoutSpan.TraceId, traceId);

        var trace = await platform.Telemetry.WaitForTraceAsync(checkoutSpan.TraceId, HasEveryHop, Eventually);
        Assert.True(HasEveryHop(trace), "the trace misses a hop; it has:\n" + string.Join("\n", trace));
        Assert.Equal("POST /checkout", trace.Single(s => s.ParentSpanId.Length == 0 || s.ParentSpanId == new string('0', 16)).Name);
        Assert.DoesNotContain(trace, s => s.StatusCode == ReceivedSpan.StatusError);
    }

    /// <summary>Every service the order passes through is in the trace, down to the SQL insert.</summary>
    private static bool HasEveryHop(IReadOnlyList<ReceivedSpan> trace) =>
        trace.Any(s => s.ServiceName == "frontend" && s.Name == "POST /checkout" && s.Kind == ReceivedSpan.KindServer)
        && trace.Any(s => s.ServiceName == "checkout" && s.Name == "POST /api/checkout" && s.Kind == ReceivedSpan.KindServer)
        && trace.Any(s => s.ServiceName == "cart" && s.Attribute("db.system.name") == "redis" && s.Name == "DEL")
        && trace.Any(s => s.ServiceName == "productcatalog" && s.Kind == ReceivedSpan.KindServer)
        && trace.Any(s => s.ServiceName == "payment" && s.Name == "POST /api/charges" && s.Kind == ReceivedSpan.KindServer)
        && trace.Any(s => s.ServiceName == "checkout" && s.Name == "orders publish" && s.Kind == ReceivedSpan.KindProducer)
        && trace.Any(s => s.ServiceName == "accounting" && s.Name == "orders process" && s.Kind == ReceivedSpan.KindConsumer)
        && trace.Any(s => s.ServiceName == "accounting" && s.Kind == ReceivedSpan.KindClient && IsPostgres(s));

    private static bool IsPostgres(ReceivedSpan span) =>
        span.Attribute("db.system.name") == "postgresql" || span.Attribute("db.system") == "postgresql";
}
