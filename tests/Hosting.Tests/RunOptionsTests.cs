using System.Net;
using System.Net.Sockets;
using Platform.Hosting;
using Platform.Hosting.Orchestration;

namespace Hosting.Tests;

/// <summary>Options of a real (non-test) run: fixed ports and <c>--fresh</c>.</summary>
public sealed class RunOptionsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "apphost-opts-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_fixed_port_in_use_fails_with_the_setting_to_change()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { DataDirectory = _dataDirectory, EnableApi = false });
        builder.AddTestApp("web", "http", "0").WithHttpEndpoint(port: port);
        await using var app = builder.Build();

        await app.StartAsync(TestApp.Timeout());
        var web = await app.ResourceNotifications.WaitForResourceAsync("web", KnownResourceStates.FailedToStart, TestApp.Timeout());

        Assert.Contains($"port {port} is in use", web.Message);
        Assert.Contains("WithHttpEndpoint(port:", web.Message);
    }

    [Fact]
    public async Task Fresh_wipes_the_data_directory_before_starting()
    {
        Directory.CreateDirectory(_dataDirectory);
        var leftover = Path.Combine(_dataDirectory, "leftover.txt");
        await File.WriteAllTextAsync(leftover, "old");
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = ["--fresh"], DataDirectory = _dataDirectory, EnableApi = false });
        builder.AddExecutable("worker", "sleep", ".", "1000");
        await using var app = builder.Build();

        await app.StartAsync(TestApp.Timeout());
        await app.WaitForResourceHealthyAsync("worker", TestApp.Timeout());

        Assert.False(File.Exists(leftover));
        Assert.True(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public async Task Without_fresh_the_data_directory_and_generated_secrets_are_kept()
    {
        string first;
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { DataDirectory = _dataDirectory, EnableApi = false });
        var secret = builder.AddParameter("kept", secret: true);
        await using (var app = builder.Build())
        {
            await app.StartAsync(TestApp.Timeout());
            first = await secret.Resource.GetValueAsync(TestApp.Timeout());
        }

        var again = new DistributedApplicationBuilder(new DistributedApplicationOptions { DataDirectory = _dataDirectory, EnableApi = false });
        var secretAgain = again.AddParameter("kept", secret: true);
        await using (var app = again.Build())
        {
            await app.StartAsync(TestApp.Timeout());

            Assert.Equal(first, await secretAgain.Resource.GetValueAsync(TestApp.Timeout()));
        }
    }
}
