using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Hosting.Local;

namespace Platform.Redis.Tests;

public sealed class RedisServerRestartTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "redis-restart-" + Guid.NewGuid().ToString("N"));
    private readonly LocalServerOptions _options = new() { Port = FreePort(), Password = LocalServerOptions.GeneratePassword() };
    private LocalRedisServer? _server;

    public async Task InitializeAsync() => _server = await LocalRedisServer.StartAsync(_directory, _options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Client_fails_while_the_server_is_down_and_reconnects_after_it_restarts()
    {
        await using var client = new RedisClient(_server!.ConnectionString);
        await client.PingAsync();

        await _server.DisposeAsync();
        _server = null;
        await WaitUntil(() => !client.IsConnected);
        var whileDown = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());
        _server = await LocalRedisServer.StartAsync(_directory, _options);
        var key = RedisServerFixture.UniqueKey("restart");
        await client.SetAsync(key, "back");

        Assert.Contains($"127.0.0.1:{_options.Port}", whileDown.Message);
        Assert.Equal("back", await client.GetAsync(key));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
