using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Drills;

/// <summary>
/// The Platform once for the whole drill suite, with the load generator on and every wait shortened through
/// configuration: a dense background of a few shoppers (the subject of <c>flood-homepage</c>, and realistic noise for
/// the others), flags cached 250 ms, metrics exported every 500 ms and spans every 200 ms, checkout peaks of 4 s
/// 1–2 s apart. The assertions keep the incident catalogue's thresholds; only the clocks are faster.
/// </summary>
public sealed class DrillPlatform : IAsyncLifetime
{
    /// <summary>The drills' gauges and sums (the OTLP receiver keeps the values of these only).</summary>
    public static readonly HashSet<string> MetricsRead =
    [
        "app.email.leaked.bytes", "dotnet.process.memory.working_set", "app.fraud.consumer.lag", "dotnet.process.cpu.time",
        "dotnet.gc.collections", "app.recommendation.cache.size",
    ];

    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        // Two users who never think long: ~5 tasks a second, a checkout every few seconds, a flood when flagged.
        ["LoadGenerator__Users"] = "2",
        ["LoadGenerator__SpawnRate"] = "10",
        ["LoadGenerator__MinWait"] = "00:00:00.200",
        ["LoadGenerator__MaxWait"] = "00:00:00.500",
        ["LoadGenerator__Seed"] = "10",
        ["Flags__CacheDuration"] = "00:00:00.250",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["FraudDetection__LagInterval"] = "00:00:00.500",
        ["Checkout__PeakMode__PeakDuration"] = "00:00:04",
        ["Checkout__PeakMode__MinGap"] = "00:00:01",
        ["Checkout__PeakMode__MaxGap"] = "00:00:02",
    };

    public PlatformFixture Platform { get; } = new(["--LoadGenerator:Enabled=true"], Environment);

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        Platform.Telemetry.KeepMetricValues = MetricsRead.Contains;
    }

    public Task DisposeAsync() => Platform.DisposeAsync();
}

/// <summary>The drills share one Platform and run one after another, alone: scenarios interfere (load, latency, flags).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillSuite : ICollectionFixture<DrillPlatform>
{
    public const string Name = "incident drills";
}
