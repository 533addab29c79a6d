using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Checkout.Model;
using Platform.Checkout.Tests.Infrastructure;
using Platform.Contracts;

namespace Platform.Checkout.Tests;

public sealed class CheckoutTelemetryTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static object Request(string userId) => new
    {
        userId,
        email = "someone@example.com",
        currency = "USD",
        address = new { street = "1 Main St", city = "Springfield", state = "IL", country = "United States", zip = "62701" },
        card = new { number = FakePeers.GoodCard, cvv = "672", expirationMonth = 1, expirationYear = 2030 },
    };

    [Fact]
    public async Task Placed_order_is_traced_and_counted()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Platform.Checkout" or "Platform.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var placed = new ConcurrentQueue<(long Value, string? Currency)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Platform.Checkout" && instrument.Name == "app.orders.placed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) => placed.Enqueue((value, tags.ToArray().FirstOrDefault(t => t.Key == "app.order.currency").Value as string)));
        meters.Start();
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("OLJCESPC7Z", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        var span = Assert.Single(spans, s => s.OperationName == "PlaceOrder" && (string?)s.GetTagItem("app.order.id") == orderId);
        Assert.Equal(userId, span.GetTagItem("app.user.id"));
        Assert.Equal(1, span.GetTagItem("app.order.items.count"));
        Assert.Equal(108.95, span.GetTagItem("app.order.total"));
        var publish = Assert.Single(spans, s => s.DisplayName == "orders publish" && (string?)s.GetTagItem("messaging.kafka.message.key") == orderId);
        Assert.Equal(span.SpanId, publish.ParentSpanId);
        Assert.Contains(placed, p => p.Value == 1 && p.Currency == "USD");
    }

    [Fact]
    public async Task Peak_mode_simulated_failure_is_a_503_before_any_charge()
    {
        var seed = Enumerable.Range(1, 1000).First(s => new PeakModeSimulator(s, TimeProvider.System).Next().Fail);
        await using var variant = app.CreateVariant(new Dictionary<string, string> { ["Checkout:PeakMode:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = variant.CreateClient();
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("OLJCESPC7Z", 1));
        var attemptsBefore = app.Peers.ChargeAttempts.Count;
        app.Flags.Set(FlagKeys.CheckoutPeakMode, true);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync("/api/checkout", Request(userId));
        }
        finally
        {
            app.Flags.Remove(FlagKeys.CheckoutPeakMode);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("overloaded", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("service", out _), "Checkout's own overload names no downstream service");
        Assert.Equal(attemptsBefore, app.Peers.ChargeAttempts.Count);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }
}
