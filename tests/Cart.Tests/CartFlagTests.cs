using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Cart.Model;
using Platform.Cart.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cart.Tests;

public sealed class CartFlagTests(FailingCartFixture fixture) : IClassFixture<FailingCartFixture>
{
    private HttpClient Client => fixture.App.Client;

    [Fact]
    public async Task With_cartFailure_on_emptying_a_cart_is_a_500_problem_and_the_cart_keeps_its_items()
    {
        var userId = CartApp.NewUserId();
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });

        var clock = Stopwatch.StartNew();
        var response = await Client.DeleteAsync($"/api/cart/{userId}");
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        // The unreachable Redis' 500 ms timeout, plus room for a busy machine: the failure is quick, not a hang.
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"the 500 took {elapsed.TotalSeconds:0.0} s");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Cart storage failure", problem!.Title);
        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");
        Assert.Equal([new CartItem("OLJCESPC7Z", 1)], cart!.Items);
    }

    [Fact]
    public async Task With_cartFailure_on_the_DEL_is_a_failed_redis_span_to_the_unreachable_address()
    {
        var userId = CartApp.NewUserId();
        using var servers = new ServerSpanCollector();
        using var redis = new RedisSpanCollector();

        var response = await Client.DeleteAsync($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var server = await servers.WaitForAsync(a => (string?)a.GetTagItem("app.user.id") == userId);
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        var command = Assert.Single(await redis.WaitForChildrenAsync(server, 1));
        Assert.Equal("DEL", command.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, command.Status);
        Assert.Equal("redis", command.GetTagItem("db.system.name"));
        Assert.Equal("redis", command.GetTagItem("db.system"));
        Assert.Equal(1, command.GetTagItem("server.port"));
        var exception = Assert.Single(command.Events, e => e.Name == "exception");
        Assert.StartsWith("StackExchange.Redis.", (string?)exception.Tags.First(t => t.Key == "exception.type").Value);
    }

    [Fact]
    public async Task With_cartFailure_on_adding_and_reading_still_work()
    {
        var userId = CartApp.NewUserId();

        var added = await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 2 });
        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([new CartItem("OLJCESPC7Z", 2)], cart!.Items);
    }

    [Fact]
    public async Task With_failedReadinessProbe_on_health_is_unhealthy_but_alive_is_healthy()
    {
        var health = await Client.GetAsync("/health");
        var alive = await Client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
