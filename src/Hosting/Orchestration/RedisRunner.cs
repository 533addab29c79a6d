using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;

namespace Platform.Hosting.Orchestration;

/// <summary>Redis: redis-server in <c>{data}/{name}</c>, append-only persistence, password kept there.</summary>
internal sealed class RedisRunner(RedisResource resource, RunContext context) : ServerRunner(resource, context)
{
    private LocalRedisServer? _server;
    private int _port;

    protected override async Task<(string, int[])> StartServerAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Context.DataDirectory, Resource.Name);
        Directory.CreateDirectory(directory);
        var password = await PersistedSecret.GetOrCreateAsync(Path.Combine(directory, "redis.password"), cancellationToken).ConfigureAwait(false);
        _server = await LocalRedisServer.StartAsync(directory, new LocalServerOptions { Port = _port, Password = password, Persistent = true }, cancellationToken).ConfigureAwait(false);
        _port = _server.Port;
        Capture(_server.Process);
        return (_server.ConnectionString, [_server.Process.Id]);
    }

    protected override Task OnConnectionStringAsync(string connectionString, CancellationToken cancellationToken)
    {
        resource.ConnectionString.Set(connectionString);
        return Task.CompletedTask;
    }

    protected override async ValueTask StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    protected override Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var (host, port) = FirstAddress(connectionString, 6379);
        return CanConnectAsync(host, port, cancellationToken);
    }
}
