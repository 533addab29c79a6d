using EndToEnd.Tests.Support;
using System.Net;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests.Model;

/// <summary>
/// <c>dotnet run --project AppHost</c> as a newcomer runs it (its launch profile: the dashboard on
/// 127.0.0.1:18888, the services on their dev ports), in a private data directory.
/// </summary>
[Collection(WholeSystem.Name)]
public sealed partial class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private const int SigInt = 2;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "platform-apphost-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => LocalData.Delete(_dataDirectory);

    [Fact]
    public async Task The_console_ends_with_the_storefront_and_dashboard_login_urls_and_ctrl_c_leaves_nothing_running()
    {
        await using var appHost = AppHostProcess.Start([], new Dictionary<string, string> { ["LocalServers__DataDirectory"] = _dataDirectory });
        await appHost.WaitForOutputAsync("  Dashboard ", StartTimeout);

        // The summary: one URL per line, each answering.
        var storefront = StorefrontLine().Match(appHost.Output).Groups[1].Value;
        var dashboard = DashboardLine().Match(appHost.Output).Groups[1].Value;
        Assert.StartsWith("http://127.0.0.1:", storefront);
        Assert.Matches("^http://127\\.0\\.0\\.1:18888/login\\?t=[0-9a-f]{32}$", dashboard);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(storefront)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(dashboard)).StatusCode);
        var started = ProcessTree.StartedBy(appHost.Id);
        Assert.Contains(started, pid => ProcessTree.NameOf(pid) == "dcp");
        Assert.Contains(started, pid => ProcessTree.NameOf(pid) == "redis-server");

        // Ctrl+C in the terminal: SIGINT to the process group.
        appHost.Signal(SigInt);

        Assert.True(await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the AppHost did not stop within 60 s of Ctrl+C:\n" + appHost.Output);
        var left = await ProcessTree.WaitUntilGoneAsync(started, TimeSpan.FromSeconds(20));
        Assert.True(left.Count == 0, "left running after Ctrl+C: " + string.Join(", ", left.Select(p => $"{p} {ProcessTree.NameOf(p)}")));
    }

    [Fact]
    public async Task Killing_the_AppHost_with_sigkill_leaves_nothing_running()
    {
        await using var appHost = AppHostProcess.Start([], new Dictionary<string, string> { ["LocalServers__DataDirectory"] = _dataDirectory });
        await appHost.WaitForOutputAsync("  Dashboard ", StartTimeout);
        var started = ProcessTree.StartedBy(appHost.Id);
        Assert.Contains(started, pid => ProcessTree.NameOf(pid) == "postgres");

        using (var kill = System.Diagnostics.Process.Start("kill", ["-9", appHost.AppHostPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var left = await ProcessTree.WaitUntilGoneAsync(started, TimeSpan.FromSeconds(60));
        Assert.True(left.Count == 0, "left running after kill -9 of the AppHost: " + string.Join(", ", left.Select(p => $"{p} {ProcessTree.NameOf(p)}")));
    }

    /// <summary>
    /// Seventeen .NET processes share a laptop's cores: the launch profile gives each the workstation GC, no
    /// dynamic PGO and a 4 MiB gen0 budget, which took the idle Platform's memory from ~1.64 to ~1.54 GB
    /// (bench/AppHostStartup). The services and the dashboard inherit it from the AppHost through DCP.
    /// It also turns off DCP's watchdog per process (<c>dcp monitor-process</c>, ~17 MB each, 18 of them):
    /// ~1.25 GB then. Only DCP's own death needs them; a killed AppHost is cleaned up by DCP (the SIGKILL test).
    /// </summary>
    [Fact]
    public async Task Services_and_dashboard_run_with_the_launch_profile_lean_runtime_settings_and_no_dcp_watchdogs()
    {
        await using var appHost = AppHostProcess.Start([], new Dictionary<string, string> { ["LocalServers__DataDirectory"] = _dataDirectory });
        await appHost.WaitForOutputAsync("  Dashboard ", StartTimeout);

        var started = ProcessTree.StartedBy(appHost.Id);
        // By command line: a service runs as "dotnet <Service>.dll".
        string[] expected = ["Aspire.Dashboard", "Frontend.dll", "Checkout.dll", "Accounting.dll", "LoadGenerator.dll"];
        foreach (var name in expected)
        {
            var pid = started.FirstOrDefault(p => ProcessTree.CommandLineOf(p).Contains(name, StringComparison.Ordinal));
            Assert.True(pid != 0, $"no {name} among the processes the AppHost started");
            var environment = ProcessTree.EnvironmentOf(pid);
            Assert.Equal(("0", "0", "0x400000"), (environment.GetValueOrDefault("DOTNET_gcServer"), environment.GetValueOrDefault("DOTNET_TieredPGO"), environment.GetValueOrDefault("DOTNET_GCgen0size")));
        }
        Assert.Contains(started, pid => ProcessTree.NameOf(pid) == "dcp");
        Assert.DoesNotContain(started, pid => ProcessTree.CommandLineOf(pid).Contains("monitor-process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dev_port_in_use_stops_the_start_naming_the_port_and_what_holds_it()
    {
        // Payment's dev port (services/Payment/Properties/launchSettings.json), taken by this test process.
        const int PaymentDevPort = 5104;
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, PaymentDevPort);
        holder.Start();

        await using var appHost = AppHostProcess.Start([], new Dictionary<string, string> { ["LocalServers__DataDirectory"] = _dataDirectory });

        Assert.True(await appHost.WaitForExitAsync(StartTimeout), "the AppHost kept running with its dev port taken:\n" + appHost.Output);
        Assert.Contains($"Port 5104, the dev port of 'payment' (its Properties/launchSettings.json), is already in use by process {Environment.ProcessId} (", appHost.Output);
        Assert.DoesNotContain("  Storefront ", appHost.Output);
    }

    [GeneratedRegex(@"^\s+Storefront\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex StorefrontLine();

    [GeneratedRegex(@"^\s+Dashboard\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DashboardLine();
}
