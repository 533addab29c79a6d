using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// Redis stops under the running shop (the dashboard's Stop command on the redis resource) and comes back:
/// cart and checkout answer 503 problems in bounded time, and serve again without being restarted.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed class RedisOutageTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    // The longest path: Checkout reads the cart (GET, retried 3 times by the standard resilience handler,
    // each attempt failing after Cart's 2 s Redis timeout), all under the handler's 30 s total timeout.
    // Past that a request is hanging, not failing.
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(35);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_redis_stopped_cart_and_checkout_answer_503_problems_and_recover_by_themselves()
    {
        using var shop = platform.Shop();
        var userId = $"e2e-{Guid.NewGuid():N}";
        await shop.AddToCartAsync(userId, ShopApi.Telescope, 1);
        var cartStarted = platform.App.StartedAt(ResourceNames.Cart);
        var checkoutStarted = platform.App.StartedAt(ResourceNames.Checkout);

        await platform.App.StopResourceAsync(ResourceNames.Redis);
        try
        {
            await AssertUnavailableAsync("get cart", () => shop.Http.GetAsync($"/api/cart/{userId}"));
            await AssertUnavailableAsync("add to cart", () => shop.PostItemAsync(userId, ShopApi.OtherProduct, 1));
            await AssertUnavailableAsync("checkout", () => shop.CheckoutAsync(userId));
        }
        finally
        {
            await platform.App.StartResourceAsync(ResourceNames.Redis);
        }

        // Back without a restart of cart or checkout: the same processes reconnect on their own.
        var deadline = DateTime.UtcNow + RecoverWithin;
        HttpStatusCode status;
        while ((status = (await shop.PostItemAsync(userId, ShopApi.OtherProduct, 1)).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(HttpStatusCode.OK, status);
        using var checkout = await shop.CheckoutAsync(userId);
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        Assert.Equal(cartStarted, platform.App.StartedAt(ResourceNames.Cart));
        Assert.Equal(checkoutStarted, platform.App.StartedAt(ResourceNames.Checkout));
    }

    private static async Task AssertUnavailableAsync(string what, Func<Task<HttpResponseMessage>> call)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await call();
        stopwatch.Stop();
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} → {(int)response.StatusCode} after {stopwatch.Elapsed}: {body}");
        Assert.True(stopwatch.Elapsed < AnswerWithin, $"{what} took {stopwatch.Elapsed}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
