using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The whole Platform with the Aspire dashboard on, as <c>dotnet run --project AppHost</c> has it: the
/// services export their telemetry to the dashboard, which the tests read in headless Chromium. The
/// dashboard's ports are chosen free here, its browser token is known.
/// </summary>
public sealed class DashboardPlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "platform-dashboard-" + Guid.NewGuid().ToString("N"));
    private readonly string _browserToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public DistributedApplication App { get; private set; } = null!;

    public Uri DashboardUrl { get; private set; } = null!;

    public OrdersTopic OrdersTopic { get; private set; } = null!;

    /// <summary>The link that logs a browser in, as the AppHost prints it.</summary>
    public Uri LoginUrl => new(DashboardUrl, $"/login?t={_browserToken}");

    public async Task InitializeAsync()
    {
        DashboardUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"--LocalServers:DataDirectory={_dataDirectory}",
                $"--ASPNETCORE_URLS={DashboardUrl}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_MCP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={_browserToken}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ],
            (options, _) => options.DisableDashboard = false);
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await App.StartAsync(timeout.Token);
            await App.WaitForEveryResourceHealthyAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The Platform did not become healthy:\n{await App.DescribeAsync()}", exception);
        }
        OrdersTopic = new OrdersTopic((await App.GetConnectionStringAsync(ResourceNames.Kafka))!);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        LocalData.Delete(_dataDirectory);
    }

    /// <summary>A client for the storefront's JSON API.</summary>
    public ShopApi Shop() => new(App.CreateHttpClient(ResourceNames.Frontend));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
