using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// The whole Platform from the AppHost's own model, started through Aspire.Hosting.Testing (DCP, every
/// service from its build output, PostgreSQL, Redis, the Kafka mock cluster; free ports, a temporary data
/// directory), once per phase, with two changes for measuring: telemetry export follows the phase's
/// <see cref="TelemetrySwitch"/>, and PostgreSQL records commit times (<c>track_commit_timestamp</c>) so
/// the ledger lag is read exactly. With the dashboard on (phase <c>dashboard</c>) it is the AppHost's own,
/// as in run mode, on free loopback ports (never the dev port 18888).
/// </summary>
public sealed class PlatformUnderTest : IAsyncDisposable
{
    private readonly DistributedApplication _app;

    private PlatformUnderTest(DistributedApplication app, string[] projects, string dataDirectory)
    {
        _app = app;
        Projects = projects;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IReadOnlyList<string> Projects { get; }

    public static async Task<PlatformUnderTest> StartAsync(TelemetrySwitch telemetry, bool dashboard, TimeSpan limit, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-throughput-" + Guid.NewGuid().ToString("N"));
        string[] args = [$"--LocalServers:DataDirectory={dataDirectory}", "--LoadGenerator:Enabled=false"];
        if (dashboard)
        {
            // The testing builder leaves the dashboard out; with it, Aspire needs the addresses run mode takes from launchSettings.
            args = [.. args, $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}", $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true"];
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args,
            (options, _) => options.DisableDashboard = !dashboard, cancellationToken);
        // The resources' console output and Aspire's progress stay out of the figures; warnings still show.
        builder.Services.AddLogging(logging => logging.AddFilter("Aspire", LogLevel.Warning).AddFilter("AppHost", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("AppHost.Resources.postgres", LogLevel.None)); // PostgreSQL logs to stderr: every line would show as an error
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
        timeout.CancelAfter(limit);
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

    /// <summary>The storefront's address, as a shopper reaches it (the port Frontend binds, as in a user's run of the AppHost).</summary>
    public Uri FrontendAddress => _app.GetEndpoint(ResourceNames.Frontend, "http");

    public async Task<string> LedgerConnectionStringAsync(CancellationToken cancellationToken) =>
        await _app.GetConnectionStringAsync(ResourceNames.AccountingDb, cancellationToken)
            ?? throw new InvalidOperationException("accountingdb has no connection string.");

    /// <summary>
    /// Stops everything (DCP stops the servers and services), bounded: a stop that hangs is left to DCP,
    /// which ends what it started once this process is gone, and the next phase starts its own DCP anyway.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var stopping = Task.Run(async () =>
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        });
        if (await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromMinutes(2))) != stopping)
        {
            Console.WriteLine("  (the Platform did not stop within 2 min; going on)");
        }
        else if (stopping.Exception is { } failed)
        {
            Console.WriteLine($"  (stopping the Platform failed: {failed.GetBaseException().Message}; going on)");
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still stopping; the directory is in /tmp.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
