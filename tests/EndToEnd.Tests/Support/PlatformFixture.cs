using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace EndToEnd.Tests.Support;

/// <summary>
/// The whole Platform, the AppHost's own model (<c>Projects.AppHost</c>) started through
/// Aspire.Hosting.Testing once per test class (or per collection: <see cref="SharedPlatform"/>): PostgreSQL
/// and Redis as local servers in a private data directory, the Kafka mock cluster, every service under DCP.
/// The services export their traces to an OTLP receiver the tests read.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    // Two cores run ten processes, their JIT and a browser: generous, but bounded.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromMinutes(3);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "platform-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly string _flagsAdminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;

    // The services cache flag values for Flags:CacheDuration (1 s by default); wait twice that after a change.
    private readonly TimeSpan _flagPropagation;

    /// <summary>The Platform as the AppHost runs it, without the load generator.</summary>
    public PlatformFixture() : this(["--LoadGenerator:Enabled=false"], new Dictionary<string, string>())
    {
    }

    /// <summary>
    /// The Platform with other AppHost <paramref name="arguments"/> and extra <paramref name="environment"/> for every
    /// service (configuration keys as environment variables: <c>Flags__CacheDuration</c>); for fixtures built on this one.
    /// </summary>
    internal PlatformFixture(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        _arguments = arguments;
        _environment = environment;
        var cache = environment.TryGetValue("Flags__CacheDuration", out var value) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(1);
        _flagPropagation = 2 * cache;
    }

    /// <summary>How long after a flag change every service sees it.</summary>
    public TimeSpan FlagPropagation => _flagPropagation;

    /// <summary>The token of FlagService's admin API, as <c>incident</c> reads it from the AppHost's parameter.</summary>
    public string FlagsAdminToken => _flagsAdminToken;

    public DistributedApplication App { get; private set; } = null!;

    public OtlpTraceReceiver Telemetry { get; private set; } = null!;

    public OrdersDatabase Orders { get; private set; } = null!;

    public OrdersTopic OrdersTopic { get; private set; } = null!;

    public string RedisConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telemetry = await OtlpTraceReceiver.StartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--LocalServers:DataDirectory={_dataDirectory}",
            $"--Parameters:{ResourceNames.FlagsAdminToken}={_flagsAdminToken}",
            .. _arguments,
        ]);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            // Aspire points OTLP at the (disabled) dashboard; the tests read the spans themselves.
            builder.CreateResourceBuilder(project).WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Address.ToString().TrimEnd('/');
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                // Metrics every second (the SDK's default is 60 s), so a test sees them without waiting long.
                context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
                foreach (var (key, value) in _environment)
                {
                    context.EnvironmentVariables[key] = value;
                }
            });
        }
        App = await builder.BuildAsync();
        await App.StartHealthyAsync(StartTimeout);
        await ServeOnePurchaseAsync();

        Orders = new OrdersDatabase((await App.GetConnectionStringAsync(ResourceNames.AccountingDb))!);
        OrdersTopic = new OrdersTopic((await App.GetConnectionStringAsync(ResourceNames.Kafka))!);
        RedisConnectionString = (await App.GetConnectionStringAsync(ResourceNames.Redis))!;
    }

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
        LocalData.Delete(_dataDirectory);
    }

    /// <summary>
    /// Healthy means every process answers its health check, not that the purchase path has compiled its code and
    /// opened its connections. In CI the Platform starts while other test assemblies use both cores, and a browser
    /// purchase right after the start once got no answer within a minute. So the tests begin where a user who has
    /// bought once would be: one purchase through the API, tried again (every 2 s, within 3 minutes) until it is placed.
    /// </summary>
    private async Task ServeOnePurchaseAsync()
    {
        using var shop = Shop();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var userId = $"warm-up-{Guid.NewGuid():N}";
        string outcome;
        do
        {
            try
            {
                using var added = await shop.PostItemAsync(userId, ShopApi.Telescope, 1);
                using var placed = added.IsSuccessStatusCode ? await shop.CheckoutAsync(userId) : null;
                if (placed?.IsSuccessStatusCode == true)
                {
                    return;
                }
                var failed = placed ?? added;
                outcome = $"{failed.RequestMessage?.RequestUri?.AbsolutePath} → {(int)failed.StatusCode}: {await failed.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcome = e.Message;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        while (clock.Elapsed < WarmUpTimeout);
        throw new TimeoutException($"The started Platform placed no order within {WarmUpTimeout}; the last try: {outcome}");
    }

    /// <summary>A client for the storefront's JSON API.</summary>
    public ShopApi Shop() => new(App.CreateHttpClient(ResourceNames.Frontend));

    /// <summary>Switches a flag's default variant through FlagService's admin API, then waits until the services see it.</summary>
    public async Task SetFlagAsync(string key, string variant)
    {
        using var flags = App.CreateHttpClient(ResourceNames.FlagService);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/flags/{key}") { Content = JsonContent.Create(new { defaultVariant = variant }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _flagsAdminToken);
        using var response = await flags.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT /api/flags/{key} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await Task.Delay(_flagPropagation);
    }
}

/// <summary>
/// Whole-system test classes run one after another: each starts the Platform, and two at once would starve 2 cores.
/// A class that stops or breaks a resource starts its own (<c>IClassFixture&lt;PlatformFixture&gt;</c>); one that leaves
/// the Platform as it found it shares <see cref="SharedPlatform"/>'s.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeSystem
{
    public const string Name = "whole system";
}

/// <summary>
/// One Platform for the classes that leave it as they found it (their own shoppers and orders, every flag set back):
/// a start costs half a minute of both cores in CI, so they share one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedPlatform : ICollectionFixture<PlatformFixture>
{
    public const string Name = "shared platform";
}
