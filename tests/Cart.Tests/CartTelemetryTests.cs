using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cart.Tests.Infrastructure;

namespace Platform.Cart.Tests;

public sealed class CartTelemetryTests(CartFixture fixture) : IClassFixture<CartFixture>
{
    [Fact]
    public async Task Adding_an_item_is_a_server_span_tagged_with_the_user_and_product_over_three_redis_spans()
    {
        var userId = CartApp.NewUserId();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Platform.Redis",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await fixture.App.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 3 });

        var server = Assert.Single(stopped, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("app.user.id") == userId);
        Assert.Equal("OLJCESPC7Z", server.GetTagItem("app.product.id"));
        Assert.Equal(3, server.GetTagItem("app.product.quantity"));
        var redisSpans = stopped.Where(a => a.ParentSpanId == server.SpanId && a.Source.Name == "Platform.Redis").OrderBy(a => a.StartTimeUtc);
        Assert.Equal(new[] { "HINCRBY", "PEXPIRE", "HGETALL" }, redisSpans.Select(a => a.DisplayName));
    }

    [Fact]
    public async Task Adding_items_counts_the_units_on_the_cart_meter()
    {
        var meterFactory = fixture.App.Services.GetRequiredService<IMeterFactory>();
        long added = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meterFactory && instrument.Name == "app.cart.items.added")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref added, value));
        listener.Start();
        var userId = CartApp.NewUserId();

        await fixture.App.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 2 });
        await fixture.App.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "66VCHSJNUP", quantity = 5 });

        Assert.Equal(7, Interlocked.Read(ref added));
    }
}
