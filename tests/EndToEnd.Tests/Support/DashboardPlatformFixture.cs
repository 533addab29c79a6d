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

    /// <summary>The dashboard's address (the testing builder puts it behind a proxy on a random port).</summary>
    public Uri DashboardUrl => new(LoginUrl.GetLeftPart(UriPartial.Authority));

    /// <summary>The link that logs a browser in, as the dashboard resource lists it and the AppHost prints it.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    public OrdersTopic OrdersTopic { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"--LocalServers:DataDirectory={_dataDirectory}",
                "--LoadGenerator:Enabled=false",
                $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_MCP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={_browserToken}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ],
            (options, _) => options.DisableDashboard = false);
        App = await builder.BuildAsync();
        await App.StartHealthyAsync(StartTimeout);
        OrdersTopic = new OrdersTopic((await App.GetConnectionStringAsync(ResourceNames.Kafka))!);
        LoginUrl = await LoginUrlAsync(App, _browserToken);
    }

    private static async Task<Uri> LoginUrlAsync(DistributedApplication app, string browserToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var update in app.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (update.Snapshot.Urls.FirstOrDefault(u => u.Url.EndsWith($"/login?t={browserToken}", StringComparison.Ordinal)) is { } url)
            {
                return new Uri(url.Url);
            }
        }
        throw new InvalidOperationException("The dashboard resource lists no login URL.");
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
