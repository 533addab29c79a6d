using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Hosting.Orchestration;

namespace Hosting.Tests;

/// <summary>AppHost run as its own process (TestApp in <c>apphost</c> mode, one <c>sleep 1000</c> resource).</summary>
public sealed class AppHostProcessTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "apphost-proc-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Killing_AppHost_with_SIGKILL_leaves_no_child_running()
    {
        var appHost = StartAppHost();
        var sleeper = await WaitForSleeperAsync(appHost);

        appHost.Kill(); // SIGKILL: AppHost gets no chance to clean up.
        await appHost.WaitForExitAsync(TestApp.Timeout(10));

        Assert.True(await TestApp.AllGoneAsync([sleeper], 10), $"child {sleeper} survived AppHost");
    }

    [Fact]
    public async Task SIGTERM_stops_every_resource_and_AppHost_exits()
    {
        var appHost = StartAppHost();
        var sleeper = await WaitForSleeperAsync(appHost);

        Assert.Equal(0, Kill(appHost.Id, 15));
        await appHost.WaitForExitAsync(TestApp.Timeout(30));

        Assert.Equal(0, appHost.ExitCode);
        Assert.False(TestApp.IsAlive(sleeper));
        var output = await appHost.StandardOutput.ReadToEndAsync();
        Assert.Matches(@"(?m)^sleeper\s+Running \(healthy\)", output);
        Assert.Matches(@"(?m)^sleeper\s+Exited", output);
        Assert.Contains("AppHost: stopped.", output);
    }

    private readonly List<Process> _started = [];

    private Process StartAppHost()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(TestApp.DllPath);
        info.ArgumentList.Add("apphost");
        info.ArgumentList.Add(_dataDirectory);
        var process = Process.Start(info)!;
        _started.Add(process);
        return process;
    }

    /// <summary>Reads the API address from the data directory and waits for the sleeper's pid.</summary>
    private async Task<int> WaitForSleeperAsync(Process appHost)
    {
        var token = TestApp.Timeout(60);
        var file = Path.Combine(_dataDirectory, "apphost.json");
        using var http = new HttpClient();
        while (true)
        {
            if (appHost.HasExited)
            {
                Assert.Fail("AppHost exited early: " + await appHost.StandardError.ReadToEndAsync(token));
            }

            if (File.Exists(file))
            {
                try
                {
                    using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, token));
                    var api = document.RootElement.GetProperty("apiUrl").GetString()!;
                    var sleeper = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(api), "api/resources/sleeper"), token);
                    if (sleeper.GetProperty("state").GetString() == KnownResourceStates.Running)
                    {
                        return sleeper.GetProperty("processIds")[0].GetInt32();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or IOException)
                {
                    // Not ready yet.
                }
            }

            await Task.Delay(100, token);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
#pragma warning disable SYSLIB1054
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
