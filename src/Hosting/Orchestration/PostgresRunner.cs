using Npgsql;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;

namespace Platform.Hosting.Orchestration;

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
