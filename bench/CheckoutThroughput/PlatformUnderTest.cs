using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// The whole Platform from the AppHost's own model, started through Aspire.Hosting.Testing (DCP, every
/// service by <c>dotnet run</c>, PostgreSQL, Redis, the Kafka mock cluster; free ports, a temporary data
/// directory), with two changes for measuring: telemetry export follows <see cref="TelemetrySwitch"/>,
/// and PostgreSQL records commit times (<c>track_commit_timestamp</c>) so the ledger lag is read exactly.
/// </summary>
public sealed class PlatformUnderTest : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string[] _projects;

    private PlatformUnderTest(DistributedApplication app, string[] projects, string dataDirectory)
    {
        _app = app;
        _projects = projects;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IReadOnlyList<string> Projects => _projects;

    public static async Task<PlatformUnderTest> StartAsync(TelemetrySwitch telemetry, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-throughput-" + Guid.NewGuid().ToString("N"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--LocalServers:DataDirectory={dataDirectory}", "--LoadGenerator:Enabled=false"], cancellationToken);
        // The resources' console output and Aspire's progress stay out of the figures; warnings still show.
        builder.Services.AddLogging(logging => logging.AddFilter("Aspire", LogLevel.Warning).AddFilter("AppHost", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        builder.CreateResourceBuilder<ExecutableResource>(ResourceNames.Postgres).WithArgs("-c", "track_commit_timestamp=on");
        var projects = builder.Resources.OfType<ProjectResource>().Select(p => p.Name).ToArray();
        foreach (var project in projects)
        {
            builder.CreateResourceBuilder<ProjectResource>(project).WithEnvironment(telemetry.Apply);
        }

        var app = await builder.BuildAsync(cancellationToken);
        var platform = new PlatformUnderTest(app, projects, dataDirectory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Generous: on a machine shared with other whole-system runs a start took over 5 minutes.
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await app.StartAsync(timeout.Token);
            // Parameters and the hidden resources Aspire adds never turn healthy.
            var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .Where(r => r is not ParameterResource)
                .Where(r => !app.ResourceNotifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden);
            await Task.WhenAll(resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
            return platform;
        }
        catch
        {
            // Stop what did start (DCP, servers, services) before failing.
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>The storefront's address, as a shopper reaches it (through DCP's proxy, like a user of the AppHost).</summary>
    public Uri FrontendAddress => _app.GetEndpoint(ResourceNames.Frontend, "http");

    public async Task<string> LedgerConnectionStringAsync(CancellationToken cancellationToken) =>
        await _app.GetConnectionStringAsync(ResourceNames.AccountingDb, cancellationToken)
            ?? throw new InvalidOperationException("accountingdb has no connection string.");

    /// <summary>
    /// Restarts every service (so each reads <see cref="TelemetrySwitch"/> again) in the order of their
    /// <c>WaitFor</c>s, each stage healthy before the next: a service restarted beside the one it waits for
    /// fails its start ("stopped waiting for dependency ... Finished").
    /// </summary>
    public async Task RestartServicesAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        foreach (var stage in RestartStages())
        {
            var began = DateTime.UtcNow;
            var results = await Task.WhenAll(stage.Select(p => _app.ResourceCommands.ExecuteCommandAsync(p, KnownResourceCommands.RestartCommand, timeout.Token)));
            if (results.FirstOrDefault(r => !r.Success) is { } failed)
            {
                throw new InvalidOperationException($"A restart failed: {failed.Message}");
            }

            // Healthy after this restart: a snapshot from before it would still say healthy.
            await Task.WhenAll(stage.Select(p => _app.ResourceNotifications.WaitForResourceAsync(p,
                e => e.Snapshot.StartTimeStamp > began && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
                timeout.Token)));
        }
    }

    /// <summary>The services in stages: each stage waits only for services of earlier stages.</summary>
    private List<string[]> RestartStages()
    {
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        var waitsFor = model.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name,
            p => p.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Where(_projects.Contains).ToHashSet());
        var stages = new List<string[]>();
        var done = new HashSet<string>();
        while (done.Count < _projects.Length)
        {
            var stage = _projects.Where(p => !done.Contains(p) && waitsFor[p].IsSubsetOf(done)).ToArray();
            if (stage.Length == 0)
            {
                throw new InvalidOperationException("The services wait for each other in a cycle.");
            }

            stages.Add(stage);
            done.UnionWith(stage);
        }

        return stages;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still stopping; the directory is in /tmp.
        }
    }
}
