using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.AppHost;
using Platform.Hosting;
using Platform.Hosting.Testing;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The whole Platform — the same model as <c>dotnet run --project AppHost</c>: PostgreSQL, Redis, the Kafka
/// mock cluster and every service as its own process — started once per test class through the testing API,
/// exporting its telemetry to an OTLP receiver the tests read.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    // Two cores run ten processes, their builds' JIT and a browser: generous, but bounded.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    // The services cache flag values for 1 s (Flags:CacheDuration); wait twice that after a change.
    private static readonly TimeSpan FlagPropagation = TimeSpan.FromSeconds(2);

    private readonly string _flagsAdminToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public DistributedApplication App { get; private set; } = null!;

    public OtlpTraceReceiver Telemetry { get; private set; } = null!;

    public OrdersDatabase Orders { get; private set; } = null!;

    public OrdersTopic OrdersTopic { get; private set; } = null!;

    public string RedisConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telemetry = await OtlpTraceReceiver.StartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(PlatformModel.Build);
        builder.Configuration["Dashboard:OtlpEndpoint"] = Telemetry.Address.ToString().TrimEnd('/');
        builder.Configuration["Dashboard:OtlpProtocol"] = "http/protobuf";
        builder.Configuration[$"Parameters:{PlatformModel.Names.FlagsAdminToken}"] = _flagsAdminToken;
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await App.StartAsync(timeout.Token);
            await App.WaitForAllHealthyAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The Platform did not become healthy:\n{Describe()}", exception);
        }

        Orders = new OrdersDatabase((await App.GetConnectionStringAsync(PlatformModel.Names.AccountingDb))!);
        OrdersTopic = new OrdersTopic((await App.GetConnectionStringAsync(PlatformModel.Names.Kafka))!);
        RedisConnectionString = (await App.GetConnectionStringAsync(PlatformModel.Names.Redis))!;
    }

    /// <summary>Each resource's state, and the last lines of those that are not healthy: what a failed start needs to be understood.</summary>
    private string Describe() => string.Join("\n", App.ResourceNotifications.Snapshots.Select(s =>
        $"{s.Name}: {s.State} {s.HealthStatus} {s.Message}" + (s.IsHealthy
            ? ""
            : "\n    " + string.Join("\n    ", App.ResourceLogs.GetLines(s.Name, 15).Select(l => l.Text)))));

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }
    }

    /// <summary>A client for the storefront's JSON API.</summary>
    public ShopApi Shop() => new(App.CreateHttpClient(PlatformModel.Names.Frontend));

    /// <summary>Switches a flag's default variant through FlagService's admin API, then waits until the services see it.</summary>
    public async Task SetFlagAsync(string key, string variant)
    {
        using var flags = App.CreateHttpClient(PlatformModel.Names.FlagService);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/flags/{key}") { Content = JsonContent.Create(new { defaultVariant = variant }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _flagsAdminToken);
        using var response = await flags.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT /api/flags/{key} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await Task.Delay(FlagPropagation);
    }
}

/// <summary>Whole-system test classes run one after another: each starts the Platform, and two at once would starve 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeSystem
{
    public const string Name = "whole system";
}
