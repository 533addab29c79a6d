using System.Net.Sockets;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;
using Platform.Hosting.Processes;

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
    protected void Capture(GuardedProcess process)
    {
        foreach (var line in process.RecentLines())
        {
            Context.Log(Resource, line);
        }

        process.OutputWritten += (_, line) => Context.Log(Resource, line);
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
