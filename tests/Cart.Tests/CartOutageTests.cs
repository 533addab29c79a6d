using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Cart.Model;
using Platform.Cart.Tests.Infrastructure;
using Platform.Hosting.Local;

namespace Platform.Cart.Tests;

/// <summary>Redis goes away under a running cart and comes back; the cart is not restarted.</summary>
public sealed class CartOutageTests : IAsyncLifetime
{
    // The cart's Redis timeout, plus room for a machine shared with other builds.
    private static readonly TimeSpan AnswerWithin = CartApp.RedisTimeout + TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cart-outage-" + Guid.NewGuid().ToString("N"));
    private LocalRedisServer _redis = null!;
    private CartApp _app = null!;

    public async Task InitializeAsync()
    {
        _redis = await LocalRedisServer.StartAsync(_directory);
        _app = await CartApp.StartAsync(CartApp.FlagsOff, _redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task With_redis_down_the_cart_answers_503_quickly_and_recovers_by_itself_when_redis_returns()
    {
        var userId = CartApp.NewUserId();
        var before = await _app.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var (port, password) = (_redis.Port, _redis.Password);

        // Redis goes away.
        await _redis.DisposeAsync();
        var clock = Stopwatch.StartNew();
        var during = await _app.Client.GetAsync($"/api/cart/{userId}");
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Cart storage failure", (await during.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.True(elapsed < AnswerWithin, $"the 503 took {elapsed.TotalSeconds:0.0} s");
        var adding = await _app.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, adding.StatusCode);
        var emptying = await _app.Client.DeleteAsync($"/api/cart/{userId}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, emptying.StatusCode);
        var health = await _app.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync("/alive")).StatusCode);

        // Redis comes back on the same port (empty: no persistence), the cart reconnects on its own.
        _redis = await LocalRedisServer.StartAsync(_directory, new LocalServerOptions { Port = port, Password = password });
        var after = await EventuallyAsync(() => _app.Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "66VCHSJNUP", quantity = 2 }));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([new CartItem("66VCHSJNUP", 2)], (await after.Content.ReadFromJsonAsync<ShoppingCart>())!.Items);
        Assert.Equal(HttpStatusCode.OK, (await EventuallyAsync(() => _app.Client.GetAsync("/health"))).StatusCode);
    }

    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + RecoverWithin;
        while (true)
        {
            var response = await send();
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(250);
        }
    }
}
