using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Redis.Tests;

public sealed class RedisClientFailureTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Wrong_password_fails_with_a_clear_authentication_error()
    {
        await using var client = redis.CreateClient(o => o.Password = "not-the-password");

        var ex = await Assert.ThrowsAsync<RedisAuthenticationException>(() => client.PingAsync());

        Assert.Contains($"Redis at 127.0.0.1:{redis.Server.Port} rejected the password", ex.Message);
        Assert.Contains("WRONGPASS", ex.Message);
        Assert.DoesNotContain("not-the-password", ex.Message);
    }

    [Fact]
    public async Task Missing_password_fails_with_the_servers_noauth_error()
    {
        await using var client = redis.CreateClient(o => o.Password = null);

        var ex = await Assert.ThrowsAsync<RedisServerException>(() => client.PingAsync());

        Assert.Equal("NOAUTH", ex.ErrorCode);
    }

    [Fact]
    public async Task Nothing_listening_fails_with_a_connection_error_naming_the_endpoint()
    {
        var port = ClosedPort();
        await using var client = new RedisClient($"127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());

        Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task Server_that_never_answers_the_handshake_fails_within_the_connect_timeout()
    {
        // Accepts TCP connections (the kernel does, from the backlog) but never says a word.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var client = new RedisClient($"127.0.0.1:{port},password=x,connectTimeout=300");
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());

        Assert.Contains($"Could not connect to Redis at 127.0.0.1:{port} within 300 ms", ex.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Stalled_command_times_out_and_the_next_command_uses_a_new_connection()
    {
        await using var client = redis.CreateClient(o => o.CommandTimeout = TimeSpan.FromMilliseconds(300));
        var before = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();
        var watch = Stopwatch.StartNew();

        // BLPOP on an empty list blocks this connection server-side for 5 s: a stall.
        var ex = await Assert.ThrowsAsync<RedisTimeoutException>(() => client.ExecuteAsync("BLPOP", RedisServerFixture.UniqueKey("empty"), 5));
        var elapsed = watch.Elapsed;
        var after = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();

        Assert.Contains("BLPOP got no reply", ex.Message);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Commands_queued_behind_a_timed_out_command_fail_rather_than_get_its_reply()
    {
        await using var client = redis.CreateClient(o => o.CommandTimeout = TimeSpan.FromMilliseconds(300));
        await client.PingAsync();

        var stalled = client.ExecuteAsync("BLPOP", RedisServerFixture.UniqueKey("empty"), 5);
        await Task.Delay(100); // so the stalled command's deadline is clearly the first to pass
        var behind = client.ExecuteAsync("ECHO", "behind");

        await Assert.ThrowsAsync<RedisTimeoutException>(() => stalled);
        await Assert.ThrowsAnyAsync<RedisException>(() => behind);
        Assert.Equal("after", (await client.ExecuteAsync("ECHO", "after")).AsString());
    }

    [Fact]
    public async Task Client_reconnects_on_the_next_command_after_client_kill()
    {
        await using var client = redis.CreateClient();
        await using var admin = redis.CreateClient();
        var id = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();

        await admin.ExecuteAsync("CLIENT", "KILL", "ID", id);
        await WaitUntil(() => !client.IsConnected);
        var key = RedisServerFixture.UniqueKey("after-kill");
        await client.SetAsync(key, "back");

        Assert.Equal("back", await client.GetAsync(key));
        Assert.NotEqual(id, (await client.ExecuteAsync("CLIENT", "ID")).AsInt64());
    }

    [Fact]
    public async Task Command_in_flight_when_the_connection_is_killed_fails_with_a_connection_error()
    {
        await using var client = redis.CreateClient(o => o.CommandTimeout = TimeSpan.FromSeconds(10));
        await using var admin = redis.CreateClient();
        var id = (await client.ExecuteAsync("CLIENT", "ID")).AsInt64();
        var blocked = client.ExecuteAsync("BLPOP", RedisServerFixture.UniqueKey("empty"), 5);

        await admin.ExecuteAsync("CLIENT", "KILL", "ID", id);

        var ex = await Assert.ThrowsAsync<RedisConnectionException>(() => blocked);
        Assert.Contains("closed the connection", ex.Message);
    }

    [Fact]
    public async Task Disposed_client_refuses_commands()
    {
        var client = redis.CreateClient();
        await client.PingAsync();

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.PingAsync());
    }

    private static int ClosedPort()
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
