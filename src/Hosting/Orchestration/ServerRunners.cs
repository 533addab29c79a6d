using System.Net.Sockets;
using Npgsql;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// Shared shape of the server resources (Redis, PostgreSQL, Kafka): use the connection string from
/// configuration when there is one (nothing started), else start the local server; poll health.
/// </summary>
internal abstract class ServerRunner(IResource resource, RunContext context) : IResourceRunner
{
    private CancellationTokenSource? _run;

    public IResource Resource { get; } = resource;

    protected RunContext Context { get; } = context;

    /// <summary>True when this run uses an existing server from configuration.</summary>
    protected bool IsExisting { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Context.Publish(Resource, s => s with { State = KnownResourceStates.Starting, HealthStatus = null, Message = null, ExitCode = null });
        try
        {
            var existing = Context.ExistingConnectionString(Resource);
            IsExisting = existing is not null;
            var (connectionString, pids) = existing is not null
                ? (existing, Array.Empty<int>())
                : await StartServerAsync(cancellationToken).ConfigureAwait(false);
            await OnConnectionStringAsync(connectionString, cancellationToken).ConfigureAwait(false);
            var healthy = await IsHealthyAsync(connectionString, cancellationToken).ConfigureAwait(false);
            Context.Publish(Resource, s => s with
            {
                State = KnownResourceStates.Running,
                HealthStatus = healthy ? Health.Healthy : Health.Unhealthy,
                ProcessIds = pids,
                Environment = new Dictionary<string, string> { ["ConnectionString"] = RunContext.Mask(connectionString, false) },
                Message = existing is not null ? $"existing (ConnectionStrings:{Resource.Name} from configuration)" : null,
                StartedAt = DateTimeOffset.UtcNow,
            });
            OnRunning();
            _run = new CancellationTokenSource();
            _ = HealthLoopAsync(connectionString, healthy, _run.Token);
        }
        catch (MissingBinaryException e)
        {
            Context.Log(Resource, e.Message, isError: true);
            Context.Publish(Resource, s => s with { State = KnownResourceStates.RuntimeUnhealthy, Message = e.Message });
            OnFailed(KnownResourceStates.RuntimeUnhealthy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Context.Log(Resource, e.Message, isError: true);
            var state = e.InnerException is DllNotFoundException ? KnownResourceStates.RuntimeUnhealthy : KnownResourceStates.FailedToStart;
            Context.Publish(Resource, s => s with { State = state, Message = e.Message });
            OnFailed(state);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _run?.Cancel();
        if (Context.Notifications.Get(Resource.Name).State != KnownResourceStates.Running)
        {
            return;
        }

        Context.Publish(Resource, s => s with { State = KnownResourceStates.Stopping });
        if (!IsExisting)
        {
            await StopServerAsync().ConfigureAwait(false);
        }

        Context.Publish(Resource, s => s with { State = KnownResourceStates.Exited, HealthStatus = null, ProcessIds = [] });
        OnStopped();
    }

    /// <summary>Starts the local server; returns its connection string and process ids.</summary>
    protected abstract Task<(string ConnectionString, int[] ProcessIds)> StartServerAsync(CancellationToken cancellationToken);

    protected abstract ValueTask StopServerAsync();

    protected abstract Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken);

    protected virtual Task OnConnectionStringAsync(string connectionString, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual void OnRunning()
    {
    }

    protected virtual void OnFailed(string state)
    {
    }

    protected virtual void OnStopped()
    {
    }

    /// <summary>Forwards a server's output to the resource's console log.</summary>
    protected void Capture(Local.ChildProcess process)
    {
        foreach (var line in process.RecentLines())
        {
            Context.Log(Resource, line);
        }

        process.LineWritten += line => Context.Log(Resource, line);
    }

    private async Task HealthLoopAsync(string connectionString, bool healthy, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(healthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                healthy = await IsHealthyAsync(connectionString, cancellationToken).ConfigureAwait(false);
                var status = healthy ? Health.Healthy : Health.Unhealthy;
                Context.Publish(Resource, s => s.State == KnownResourceStates.Running ? s with { HealthStatus = status } : s);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    protected static async Task<bool> CanConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>First <c>host:port</c> of a Redis or Kafka connection string.</summary>
    protected static (string Host, int Port) FirstAddress(string connectionString, int defaultPort)
    {
        var first = connectionString.Split(',', StringSplitOptions.TrimEntries)[0];
        var colon = first.LastIndexOf(':');
        return colon < 0 ? (first, defaultPort) : (first[..colon], int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

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

/// <summary>PostgreSQL: the system's server in <c>{data}/{name}</c>; creates the databases, which then turn healthy.</summary>
internal sealed class PostgresRunner(PostgresServerResource resource, RunContext context) : ServerRunner(resource, context)
{
    private LocalPostgresServer? _server;
    private int _port;

    protected override async Task<(string, int[])> StartServerAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Context.DataDirectory, Resource.Name);
        _server = await LocalPostgresServer.StartAsync(directory, new LocalServerOptions { Port = _port, Persistent = true }, cancellationToken).ConfigureAwait(false);
        _port = _server.Port;
        Capture(_server.Process);
        return (_server.ConnectionString, [_server.Process.Id]);
    }

    protected override async Task OnConnectionStringAsync(string connectionString, CancellationToken cancellationToken)
    {
        resource.ConnectionString.Set(connectionString);
        foreach (var database in DatabaseResources.Values)
        {
            // A database given in configuration (ConnectionStrings:accountingdb) is used as is.
            var value = Context.ExistingConnectionString(database);
            if (value is null)
            {
                if (_server is not null)
                {
                    await _server.CreateDatabaseAsync(database.DatabaseName, cancellationToken).ConfigureAwait(false);
                }

                value = new NpgsqlConnectionStringBuilder(connectionString) { Database = database.DatabaseName }.ConnectionString;
            }

            database.ConnectionString.Set(value);
            _databaseConnectionStrings[database.Name] = value;
        }
    }

    private readonly Dictionary<string, string> _databaseConnectionStrings = [];

    /// <summary>The databases fail with their server (so what waits for them stops waiting).</summary>
    protected override void OnFailed(string state)
    {
        foreach (var database in DatabaseResources.Values)
        {
            Context.Publish(database, s => s with { State = state, Message = $"server '{Resource.Name}' is {state}" });
        }
    }

    /// <summary>The databases turn healthy once their server is.</summary>
    protected override void OnRunning()
    {
        foreach (var (name, value) in _databaseConnectionStrings)
        {
            Context.Publish(DatabaseResources[name], s => s with
            {
                State = KnownResourceStates.Running,
                HealthStatus = Health.Healthy,
                Environment = new Dictionary<string, string> { ["ConnectionString"] = RunContext.Mask(value, false) },
                StartedAt = DateTimeOffset.UtcNow,
            });
        }
    }

    /// <summary>The database resources of this server (set by the orchestrator).</summary>
    public Dictionary<string, PostgresDatabaseResource> DatabaseResources { get; } = [];

    protected override void OnStopped()
    {
        foreach (var database in DatabaseResources.Values)
        {
            Context.Publish(database, s => s with { State = KnownResourceStates.Exited, HealthStatus = null });
        }
    }

    protected override async ValueTask StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    protected override async Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>Kafka: the librdkafka mock cluster hosted in this process (in memory), or the configured broker.</summary>
internal sealed class KafkaRunner(KafkaServerResource resource, RunContext context) : ServerRunner(resource, context)
{
    private KafkaMockCluster? _cluster;

    protected override Task<(string, int[])> StartServerAsync(CancellationToken cancellationToken)
    {
        _cluster = KafkaMockCluster.Start();
        Context.Log(Resource, $"librdkafka mock cluster on {_cluster.BootstrapServers} (in the AppHost process, data in memory)");
        return Task.FromResult((_cluster.BootstrapServers, new[] { Environment.ProcessId }));
    }

    protected override Task OnConnectionStringAsync(string connectionString, CancellationToken cancellationToken)
    {
        resource.ConnectionString.Set(connectionString);
        return Task.CompletedTask;
    }

    protected override ValueTask StopServerAsync()
    {
        _cluster?.Dispose();
        _cluster = null;
        return ValueTask.CompletedTask;
    }

    protected override Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var (host, port) = FirstAddress(connectionString, 9092);
        return CanConnectAsync(host, port, cancellationToken);
    }
}

/// <summary>A connection string that must come from configuration.</summary>
internal sealed class ConnectionStringRunner(ConnectionStringResource resource, RunContext context) : IResourceRunner
{
    public IResource Resource => resource;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (context.ExistingConnectionString(resource) is not { } value)
        {
            context.Publish(resource, s => s with
            {
                State = KnownResourceStates.FailedToStart,
                Message = $"ConnectionStrings:{resource.Name} is not configured (set it in AppHost/appsettings.json or the environment variable ConnectionStrings__{resource.Name})",
            });
            return Task.CompletedTask;
        }

        resource.ConnectionString.Set(value);
        context.Publish(resource, s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = Health.Healthy,
            Environment = new Dictionary<string, string> { ["ConnectionString"] = RunContext.Mask(value, false) },
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Databases follow their server (started, healthy and stopped with it).</summary>
internal sealed class FollowerRunner(IResource resource) : IResourceRunner
{
    public IResource Resource { get; } = resource;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A secret kept in a private file (mode 0600) so a kept data directory keeps working.</summary>
internal static class PersistedSecret
{
    public static async Task<string> GetOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        }

        var value = LocalServerOptions.GeneratePassword();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, value, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return value;
    }
}
