using System.Diagnostics;
using System.Net;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Drills;

/// <summary>
/// What a probe works with during one drill: the Platform, the telemetry exported since the current phase began
/// (<see cref="Since"/>: the trigger or the clear taking effect), and shoppers to drive traffic through the shop's API.
/// </summary>
public sealed class DrillRun(PlatformFixture platform, IncidentScenario scenario, Action<string> log)
{
    /// <summary>An address abroad (Shipping's domestic country is US).</summary>
    public static readonly object AddressAbroad = new { street = "1 Rue de l'Observatoire", city = "Paris", state = "IDF", country = "FR", zip = "75014" };

    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(20);

    // Spans are exported every 200 ms and metrics every 500 ms (DrillPlatform): what ended has arrived by then.
    private static readonly TimeSpan ArrivalTime = TimeSpan.FromSeconds(2);

    public PlatformFixture Platform => platform;

    public IncidentScenario Scenario => scenario;

    /// <summary>When the current phase's state took effect; telemetry before it belongs to the previous phase.</summary>
    public DateTime Since { get; internal set; }

    /// <summary>The server spans of <paramref name="service"/> named <paramref name="name"/> that started in this phase.</summary>
    public IReadOnlyList<ReceivedSpan> ServerSpans(string service, string name) =>
        Spans(s => s.ServiceName == service && s.Name == name && s.Kind == ReceivedSpan.KindServer);

    /// <summary>The spans that started in this phase and match.</summary>
    public IReadOnlyList<ReceivedSpan> Spans(Func<ReceivedSpan, bool> match) =>
        [.. platform.Telemetry.Spans.Where(s => s.Start >= Since && match(s))];

    /// <summary>The values of a gauge or sum of <paramref name="service"/> taken in this phase, oldest first.</summary>
    public IReadOnlyList<ReceivedMetricPoint> Values(string service, string metric) =>
        [.. platform.Telemetry.MetricPoints.Where(p => p.ServiceName == service && p.Name == metric && p.Time >= Since).OrderBy(p => p.Time)];

    /// <summary>
    /// Observes windows of traffic until <paramref name="check"/> holds: each window starts now (<see cref="Since"/>),
    /// runs <paramref name="drive"/>, then gives the spans and metrics a few seconds to arrive. <paramref name="check"/>
    /// answers null when it sees what it wants, otherwise what it sees instead; the drill fails with that answer if no
    /// window within <paramref name="patience"/> satisfied it. A fresh window each time, so a phase's start (a
    /// breaker still open, a flag still cached) does not decide.
    /// </summary>
    public async Task ObserveAsync(Func<Task> drive, Func<string?> check, TimeSpan? patience = null)
    {
        var clock = Stopwatch.StartNew();
        string? seen;
        do
        {
            Since = DateTime.UtcNow;
            await drive();
            seen = await PollAsync(check, ArrivalTime);
            log($"{DateTime.UtcNow:HH:mm:ss.fff} window from {Since:HH:mm:ss.fff}: {seen ?? "as expected"}");
        }
        while (seen is not null && clock.Elapsed < (patience ?? DefaultPatience));
        Assert.True(seen is null, $"{scenario.Name}: {seen}");
    }

    /// <summary>Observes windows of the background traffic alone (the load generator's), <paramref name="window"/> long.</summary>
    public Task ObserveAsync(TimeSpan window, Func<string?> check, TimeSpan? patience = null) =>
        ObserveAsync(() => Task.Delay(window), check, patience);

    private static async Task<string?> PollAsync(Func<string?> check, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string? seen;
        while ((seen = check()) is not null && clock.Elapsed < timeout)
        {
            await Task.Delay(200);
        }
        return seen;
    }

    /// <summary>
    /// <paramref name="count"/> shoppers, <paramref name="parallelism"/> at a time, each adding <paramref name="productId"/>
    /// to a fresh cart and checking out; the statuses the shop answered.
    /// </summary>
    public async Task<IReadOnlyList<HttpStatusCode>> CheckoutsAsync(int count, int parallelism = 4, object? address = null, string productId = ShopApi.Telescope)
    {
        var statuses = new HttpStatusCode[count];
        using var shop = platform.Shop();
        shop.Http.Timeout = TimeSpan.FromSeconds(30);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var userId = $"drill-{Guid.NewGuid():N}";
            await shop.AddToCartAsync(userId, productId, 1);
            using var response = address is null ? await shop.CheckoutAsync(userId) : await shop.CheckoutAsync(userId, "USD", address);
            statuses[i] = response.StatusCode;
        });
        return statuses;
    }

    /// <summary>Keeps checking out until <paramref name="duration"/> has passed; the statuses.</summary>
    public async Task<IReadOnlyList<HttpStatusCode>> CheckoutsForAsync(TimeSpan duration, int parallelism = 4)
    {
        var statuses = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            statuses.AddRange(await CheckoutsAsync(parallelism, parallelism));
        }
        return statuses;
    }

    /// <summary>A GET through the storefront; its status, or null if it did not answer within <paramref name="timeout"/>.</summary>
    public async Task<HttpStatusCode?> GetAsync(string path, TimeSpan? timeout = null)
    {
        using var shop = platform.Shop();
        shop.Http.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            using var response = await shop.Http.GetAsync(path);
            return response.StatusCode;
        }
        catch (TaskCanceledException) when (timeout is not null)
        {
            return null;
        }
    }

    /// <summary><paramref name="count"/> GETs of <paramref name="path"/> through the storefront, <paramref name="parallelism"/> at a time.</summary>
    public async Task GetManyAsync(string path, int count, int parallelism)
    {
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                await GetAsync(path, TimeSpan.FromSeconds(10));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Where the time of <paramref name="traces"/> went: the three span names with the longest mean, for a failure message.</summary>
    public string Slowest(IReadOnlyList<ReceivedSpan> traces)
    {
        var ids = traces.Select(t => t.TraceId).ToHashSet();
        var children = Spans(s => ids.Contains(s.TraceId));
        return string.Join(", ", children.GroupBy(s => $"{s.ServiceName} '{s.Name}'")
            .Select(g => (g.Key, Mean: g.Average(s => s.Duration.TotalMilliseconds)))
            .OrderByDescending(g => g.Mean).Take(6).Select(g => $"{g.Key} {g.Mean:F0} ms"));
    }

    /// <summary>The share of <paramref name="spans"/> answered with a 5xx.</summary>
    public static double ErrorRate(IReadOnlyList<ReceivedSpan> spans) =>
        spans.Count == 0 ? 0 : spans.Count(s => int.TryParse(s.Attribute("http.response.status_code"), out var code) && code >= 500) / (double)spans.Count;

    /// <summary>The 95th percentile of the spans' durations (nearest rank).</summary>
    public static TimeSpan P95(IReadOnlyList<ReceivedSpan> spans)
    {
        if (spans.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = spans.Select(s => s.Duration).Order().ToList();
        return sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
    }

    /// <summary>A table of statuses for a failure message (<c>200×40, 502×38</c>).</summary>
    public static string Describe(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
}
