using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Cart.Model;
using Platform.Cart.Tests.Infrastructure;
using Platform.Testing.Servers;

namespace Platform.Cart.Tests;

/// <summary>
/// Redis goes away (killed, silent, not started yet) under a running cart and comes back; the cart is
/// never restarted. Each test owns its redis-server, which it stops and starts itself.
/// </summary>
public sealed class CartOutageTests : IAsyncLifetime
{
    // The cart's Redis timeout, plus room for a machine shared with other builds.
    private static readonly TimeSpan AnswerWithin = CartApp.RedisTimeout + TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cart-outage-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreeLoopbackPort();
    private readonly string _password = LocalServerOptions.GeneratePassword();
    private LocalRedisServer? _redis;
    private CartApp? _app;

    private string ConnectionString => $"127.0.0.1:{_port},password={_password}";

    private HttpClient Client => _app!.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task With_redis_killed_the_cart_answers_503_quickly_and_recovers_by_itself_when_redis_returns()
    {
        await StartRedisAsync();
        _app = await CartApp.StartAsync(CartApp.FlagsOff, ConnectionString);
        var userId = CartApp.NewUserId();
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(userId, "OLJCESPC7Z", 1)).StatusCode);

        _redis!.Process.Kill();
        await _redis.DisposeAsync();
        _redis = null;
        var (during, elapsed) = await TimedAsync(() => Client.GetAsync($"/api/cart/{userId}"));

        await AssertStorageUnavailableAsync(during, elapsed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await AddAsync(userId, "OLJCESPC7Z", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.DeleteAsync($"/api/cart/{userId}")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/alive")).StatusCode);

        // Redis comes back on the same port (empty: no persistence).
        await StartRedisAsync();
        var after = await EventuallyAsync(() => AddAsync(userId, "66VCHSJNUP", 2));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([new CartItem("66VCHSJNUP", 2)], (await after.Content.ReadFromJsonAsync<ShoppingCart>())!.Items);
        Assert.Equal(HttpStatusCode.OK, (await EventuallyAsync(() => Client.GetAsync("/health"))).StatusCode);
    }

    [Fact]
    public async Task With_redis_silent_the_cart_answers_503_within_the_timeout_and_recovers_when_redis_answers_again()
    {
        await StartRedisAsync();
        _app = await CartApp.StartAsync(CartApp.FlagsOff, ConnectionString);
        var userId = CartApp.NewUserId();
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(userId, "OLJCESPC7Z", 1)).StatusCode);

        // The process stays, its socket stays open, nothing answers: the case only a timeout catches.
        await SignalAsync(_redis!.Process.Id, "STOP");
        try
        {
            var (during, elapsed) = await TimedAsync(() => AddAsync(userId, "OLJCESPC7Z", 1));
            await AssertStorageUnavailableAsync(during, elapsed);
        }
        finally
        {
            await SignalAsync(_redis.Process.Id, "CONT");
        }

        var after = await EventuallyAsync(() => Client.GetAsync($"/api/cart/{userId}"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_cart_starts_without_redis_answers_503_and_serves_once_redis_starts()
    {
        _app = await CartApp.StartAsync(CartApp.FlagsOff, ConnectionString);
        var (first, elapsed) = await TimedAsync(() => Client.GetAsync($"/api/cart/{CartApp.NewUserId()}"));

        await AssertStorageUnavailableAsync(first, elapsed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/health")).StatusCode);

        await StartRedisAsync();
        var userId = CartApp.NewUserId();
        var after = await EventuallyAsync(() => AddAsync(userId, "OLJCESPC7Z", 3));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([new CartItem("OLJCESPC7Z", 3)], (await after.Content.ReadFromJsonAsync<ShoppingCart>())!.Items);
    }

    private async Task StartRedisAsync() =>
        _redis = await LocalRedisServer.StartAsync(_directory, new LocalServerOptions { Port = _port, Password = _password });

    private Task<HttpResponseMessage> AddAsync(string userId, string productId, int quantity) =>
        Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId, quantity });

    private static async Task AssertStorageUnavailableAsync(HttpResponseMessage response, TimeSpan elapsed)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Cart storage failure", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.True(elapsed < AnswerWithin, $"the 503 took {elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<(T Result, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        return (result, clock.Elapsed);
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

    private static async Task SignalAsync(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
