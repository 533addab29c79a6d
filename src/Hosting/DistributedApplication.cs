using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Api;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Orchestration;

namespace Platform.Hosting;

/// <summary>
/// A running app model: starts resources in dependency order (<c>WaitFor</c>), reports their
/// states, stops them in reverse order. Use it as Aspire's:
/// <code>
/// var builder = DistributedApplication.CreateBuilder(args);
/// var redis = builder.AddRedis("redis");
/// builder.AddProject&lt;Projects.Cart&gt;("cart").WithReference(redis).WaitFor(redis);
/// await builder.Build().RunAsync();
/// </code>
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly Dictionary<string, IResourceRunner> _runners = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SemaphoreSlim> _commandLocks = new(StringComparer.Ordinal);
    private RunContext? _context;
    private ResourceApi? _api;
    private ConsoleReporter? _reporter;
    private Task _started = Task.CompletedTask;
    private bool _stopped;

    internal DistributedApplication(IDistributedApplicationBuilder builder)
    {
        _builder = builder;
        Options = builder.Options;
        DataDirectory = Options.DataDirectory ?? throw new InvalidOperationException("The builder sets the data directory.");
        if (int.TryParse(builder.Configuration["AppHost:ApiPort"], out var apiPort))
        {
            Options.ApiPort = apiPort;
        }
    }

    /// <summary>Creates the app model builder: <c>var builder = DistributedApplication.CreateBuilder(args);</c></summary>
    /// <param name="args">Command line; <c>--fresh</c> wipes the data directory, other arguments are configuration.</param>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args, Console = System.Console.Out });

    /// <summary>Options of this run.</summary>
    public DistributedApplicationOptions Options { get; }

    /// <summary>The private data directory (servers' data, generated secrets, the API token).</summary>
    public string DataDirectory { get; }

    /// <summary>Resource snapshots and waits.</summary>
    public ResourceNotificationService ResourceNotifications { get; } = new();

    /// <summary>Console output of every resource.</summary>
    public ResourceLoggerService ResourceLogs { get; } = new();

    /// <summary>The resources of the model.</summary>
    public IReadOnlyList<IResource> Resources => _builder.Resources;

    /// <summary>Configuration of the AppHost.</summary>
    public IConfiguration Configuration => _builder.Configuration;

    /// <summary>Base URL of the local API (null before start or when disabled).</summary>
    public Uri? ApiUrl => _api?.Url;

    /// <summary>Bearer token the local API wants for start/stop/restart.</summary>
    public string? ApiToken => _api?.Token;

    /// <summary>
    /// Starts every resource: ports are allocated and parameters resolved first, then each resource
    /// starts in the background once what it waits for is healthy. Returns once that is under way;
    /// use <see cref="WaitForResourceHealthyAsync"/> or <see cref="WaitForAllHealthyAsync"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        RunPreparation.PrepareDataDirectory(DataDirectory, Options.Fresh);
        var context = _context = new RunContext(ResourceNotifications, ResourceLogs, _builder.Configuration, Options, DataDirectory);
        await RunPreparation.ResolveParametersAsync(Resources, _builder.Configuration, DataDirectory, cancellationToken).ConfigureAwait(false);
        RunPreparation.AllocatePorts(Resources, Options.RandomizePorts);
        foreach (var resource in Resources)
        {
            ResourceNotifications.Register(ResourceNotificationService.Initial(resource.Name, TypeName(resource)));
            _commandLocks[resource.Name] = new SemaphoreSlim(1, 1);
        }

        if (Options.Console is { } console)
        {
            _reporter = new ConsoleReporter(this, console);
        }

        foreach (var resource in Resources)
        {
            _runners[resource.Name] = CreateRunner(resource, context);
        }

        foreach (var postgres in _runners.Values.OfType<PostgresRunner>())
        {
            foreach (var database in Resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres.Resource))
            {
                postgres.DatabaseResources[database.Name] = database;
            }
        }

        if (Options.EnableApi)
        {
            _api = await ResourceApi.StartAsync(this, Options.ApiPort, cancellationToken).ConfigureAwait(false);
            await RunPreparation.WriteApiFileAsync(DataDirectory, _api, cancellationToken).ConfigureAwait(false);
        }

        _reporter?.Starting();
        _started = Task.WhenAll(Resources.Select(r => StartWithDependenciesAsync(r, _shutdown.Token)));
    }

    /// <summary>Waits until every resource is running and healthy (throws if one fails).</summary>
    public Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(Resources.Select(r => ResourceNotifications.WaitForResourceHealthyAsync(r.Name, cancellationToken)));

    /// <summary>Waits until the resource is running and healthy (throws if it fails to start or exits).</summary>
    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);

    /// <summary>The connection string of a resource (waits until it is allocated).</summary>
    public async Task<string?> GetConnectionStringAsync(string name, CancellationToken cancellationToken = default) =>
        Find(name) is IResourceWithConnectionString resource
            ? await resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The URL of an endpoint of a resource (replica 0 by default).</summary>
    public Uri GetEndpoint(string name, string endpointName = "http", int replica = 0)
    {
        var endpoint = Find(name).Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == endpointName)
            ?? throw new InvalidOperationException($"Resource '{name}' has no endpoint '{endpointName}'.");
        return new Uri(endpoint.Urls.ElementAt(replica));
    }

    /// <summary>An HttpClient whose base address is the resource's endpoint: <c>app.CreateHttpClient("frontend")</c>.</summary>
    public HttpClient CreateHttpClient(string name, string endpointName = "http") =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = GetEndpoint(name, endpointName) };

    /// <summary>Starts one resource (after what it waits for is healthy).</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        RunCommandAsync(name, async (runner, ct) =>
        {
            if (KnownResourceStates.IsTerminal(ResourceNotifications.Get(name).State) || ResourceNotifications.Get(name).State == KnownResourceStates.NotStarted)
            {
                await runner.StartAsync(ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Stops one resource while the rest runs.</summary>
    public Task StopResourceAsync(string name, CancellationToken cancellationToken = default) =>
        RunCommandAsync(name, (runner, ct) => runner.StopAsync(ct), cancellationToken);

    /// <summary>Stops then starts one resource (same ports, same environment).</summary>
    public Task RestartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        RunCommandAsync(name, async (runner, ct) =>
        {
            await runner.StopAsync(ct).ConfigureAwait(false);
            await runner.StartAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Stops every resource in reverse dependency order (a resource stops after everything that
    /// depends on it): SIGTERM, a grace period, then kill.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _started.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Starts interrupted by the shutdown.
        }

        _reporter?.Stopping();
        var stops = new Dictionary<string, Task>(StringComparer.Ordinal);
        Task StopOne(IResource resource)
        {
            if (!stops.TryGetValue(resource.Name, out var task))
            {
                var dependents = Resources.Where(r => DependenciesOf(r).Contains(resource)).ToList();
                task = stops[resource.Name] = StopAfterAsync(resource, dependents.Select(StopOne).ToList());
            }

            return task;
        }

        async Task StopAfterAsync(IResource resource, List<Task> dependents)
        {
            await Task.WhenAll(dependents).ConfigureAwait(false);
            if (_runners.TryGetValue(resource.Name, out var runner))
            {
                await runner.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(Resources.Select(StopOne).ToList()).ConfigureAwait(false);
        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
            _api = null;
        }

        _reporter?.Stopped();
    }

    /// <summary>
    /// Starts, then runs until Ctrl+C or SIGTERM, then stops everything. A second Ctrl+C kills
    /// at once (children die with AppHost through their parent-death signal).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) > 1)
            {
                Environment.Exit(130);
            }

            stop.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await using var registration = cancellationToken.Register(() => stop.TrySetResult()).ConfigureAwait(false);
        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A clear message, not a stack trace: the port of the API is taken, the data directory is not writable...
            (Options.Console ?? System.Console.Error).WriteLine($"AppHost: cannot start: {e.Message}");
            Environment.ExitCode = 1;
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await stop.Task.ConfigureAwait(false);
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops everything; deletes the data directory when the testing builder made it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _context?.HealthClient.Dispose();
        _reporter?.Dispose();
        if (Options.DeleteDataDirectoryOnDispose && Directory.Exists(DataDirectory))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                    break;
                }
                catch (IOException) when (attempt < 5)
                {
                    await Task.Delay(200).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>What <paramref name="resource"/> depends on: waits, references, its parent.</summary>
    internal static IEnumerable<IResource> DependenciesOf(IResource resource) =>
        resource.Annotations.Select(a => a switch
            {
                WaitAnnotation w => w.Resource,
                ReferenceAnnotation r => r.Resource,
                ServiceReferenceAnnotation s => s.Resource,
                _ => null,
            })
            .Concat(resource is IResourceWithParent child ? [child.Parent] : [])
            .OfType<IResource>()
            .Distinct();

    internal IResource Find(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    internal static string TypeName(IResource resource) => resource switch
    {
        ProjectResource => "Project",
        ExecutableResource => "Executable",
        RedisResource => "Redis",
        PostgresServerResource => "Postgres",
        PostgresDatabaseResource => "PostgresDatabase",
        KafkaServerResource => "Kafka",
        ParameterResource => "Parameter",
        ConnectionStringResource => "ConnectionString",
        _ => resource.GetType().Name,
    };

    private static IResourceRunner CreateRunner(IResource resource, RunContext context) => resource switch
    {
        ProjectResource or ExecutableResource => new ProcessRunner(resource, context),
        RedisResource redis => new RedisRunner(redis, context),
        PostgresServerResource postgres => new PostgresRunner(postgres, context),
        KafkaServerResource kafka => new KafkaRunner(kafka, context),
        ConnectionStringResource connection => new ConnectionStringRunner(connection, context),
        _ => new FollowerRunner(resource),
    };

    private async Task StartWithDependenciesAsync(IResource resource, CancellationToken cancellationToken)
    {
        if (resource is ParameterResource parameter)
        {
            ResourceNotifications.Publish(resource.Name, s => s with
            {
                State = KnownResourceStates.Running,
                HealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
                Environment = new Dictionary<string, string> { ["Value"] = RunContext.Mask(parameter.GetValueAsync().Result, parameter.Secret) },
            });
            return;
        }

        if (resource is IResourceWithParent)
        {
            return; // A database follows its server.
        }

        var waits = resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource).Distinct().ToList();
        try
        {
            if (waits.Count > 0)
            {
                ResourceNotifications.Publish(resource.Name, s => s with { State = KnownResourceStates.Waiting });
                await Task.WhenAll(waits.Select(w => ResourceNotifications.WaitForResourceHealthyAsync(w.Name, cancellationToken))).ConfigureAwait(false);
            }

            await RunCommandAsync(resource.Name, (runner, ct) => runner.StartAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceFailedException e)
        {
            ResourceNotifications.Publish(resource.Name, s => s with
            {
                State = KnownResourceStates.FailedToStart,
                Message = $"dependency '{e.Snapshot.Name}' is {e.Snapshot.State}",
            });
        }
        catch (OperationCanceledException)
        {
            // Shutting down before it started.
        }
    }

    private async Task RunCommandAsync(string name, Func<IResourceRunner, CancellationToken, Task> command, CancellationToken cancellationToken)
    {
        if (!_runners.TryGetValue(name, out var runner))
        {
            throw new KeyNotFoundException($"No resource named '{name}'.");
        }

        var gate = _commandLocks[name];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await command(runner, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
