using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cart.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cart.Tests;

public sealed class CartTelemetryTests(CartFixture fixture) : IClassFixture<CartFixture>
{
    [Fact]
    public async Task Adding_an_item_is_a_server_span_tagged_with_the_user_and_product_over_three_redis_spans()
    {
        var userId = CartApp.NewUserId();
        using var servers = new ServerSpanCollector();
        using var redis = new RedisSpanCollector();

        await fixture.App.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 3 });

        var server = await servers.WaitForAsync(a => (string?)a.GetTagItem("app.user.id") == userId);
        Assert.Equal("OLJCESPC7Z", server.GetTagItem("app.product.id"));
        Assert.Equal(3, server.GetTagItem("app.product.quantity"));
        var commands = await redis.WaitForChildrenAsync(server, 3);
        // Pipelined: the increment, the time to live and the read-back.
        Assert.Equal(["HINCRBY", "PEXPIRE", "HGETALL"], commands.Select(a => a.DisplayName));
        Assert.All(commands, AssertIsRedisClientSpan);
    }

    [Fact]
    public async Task Getting_a_cart_is_one_HGETALL_span_under_the_server_span()
    {
        var userId = CartApp.NewUserId();
        using var servers = new ServerSpanCollector();
        using var redis = new RedisSpanCollector();

        await fixture.App.Client.GetAsync($"/api/cart/{userId}");

        var server = await servers.WaitForAsync(a => (string?)a.GetTagItem("app.user.id") == userId);
        var command = Assert.Single(await redis.WaitForChildrenAsync(server, 1));
        Assert.Equal("HGETALL", command.DisplayName);
        AssertIsRedisClientSpan(command);
    }

    [Fact]
    public async Task Emptying_a_cart_is_one_DEL_span_that_succeeded()
    {
        var userId = CartApp.NewUserId();
        using var servers = new ServerSpanCollector();
        using var redis = new RedisSpanCollector();

        await fixture.App.Client.DeleteAsync($"/api/cart/{userId}");

        var server = await servers.WaitForAsync(a => (string?)a.GetTagItem("app.user.id") == userId);
        var command = Assert.Single(await redis.WaitForChildrenAsync(server, 1));
        Assert.Equal("DEL", command.DisplayName);
        AssertIsRedisClientSpan(command);
        Assert.Equal(ActivityStatusCode.Unset, command.Status);
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

    /// <summary>Database client semantic conventions, the stable names and the older ones side by side (OTEL_SEMCONV_STABILITY_OPT_IN=database/dup).</summary>
    internal static void AssertIsRedisClientSpan(Activity span)
    {
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("redis", span.GetTagItem("db.system.name"));
        Assert.Equal("redis", span.GetTagItem("db.system"));
        Assert.Equal(span.DisplayName, span.GetTagItem("db.operation.name"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.IsType<int>(span.GetTagItem("server.port"));
    }
}
