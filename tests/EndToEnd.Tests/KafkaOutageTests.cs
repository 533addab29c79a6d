using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests;

/// <summary>
/// Kafka goes away after a charge: the order is not confirmed and the charge is voided. It stops Kafka
/// for good, so it has a Platform of its own.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class KafkaOutageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task When_kafka_cannot_take_the_order_the_charge_is_voided_and_the_shopper_told()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);

        await platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Kafka, KnownResourceCommands.StopCommand);
        using var response = await shop.CheckoutAsync(userId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Your order could not be confirmed; the charge was voided. Please try again.", problem.GetProperty("detail").GetString());
        // The void really reached Payment, in the same trace as the failed checkout.
        var checkoutSpan = await platform.Telemetry.WaitForSpanAsync(
            s => s.ServiceName == "checkout" && s.Attribute("app.user.id") == userId, TimeSpan.FromSeconds(30));
        Assert.NotNull(checkoutSpan);
        var trace = await platform.Telemetry.WaitForTraceAsync(checkoutSpan.TraceId, HasVoid, TimeSpan.FromSeconds(30));
        Assert.True(HasVoid(trace), "no void in the trace; it has:\n" + string.Join("\n", trace));
        Assert.Single((await shop.GetCartAsync(userId)).GetProperty("items").EnumerateArray());
    }

    private static bool HasVoid(IReadOnlyList<ReceivedSpan> trace) =>
        trace.Any(s => s.ServiceName == "payment" && s.Name == "POST /api/charges/{transactionId}/void" && s.Kind == ReceivedSpan.KindServer);
}
