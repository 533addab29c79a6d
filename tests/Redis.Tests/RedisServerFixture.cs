using Platform.Hosting.Local;

namespace Platform.Redis.Tests;

/// <summary>One real redis-server (password protected, loopback, free port) per test class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "redis-tests-" + Guid.NewGuid().ToString("N"));
    private LocalRedisServer? _server;

    public LocalRedisServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync() => _server = await LocalRedisServer.StartAsync(_directory);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A client with the server's connection string; <paramref name="configure"/> adjusts the options.</summary>
    public RedisClient CreateClient(Action<RedisConnectionOptions>? configure = null)
    {
        var options = RedisConnectionOptions.Parse(Server.ConnectionString);
        configure?.Invoke(options);
        return new RedisClient(options);
    }

    /// <summary>A key no other test uses.</summary>
    public static string UniqueKey(string prefix) => $"{prefix}:{Guid.NewGuid():N}";
}
