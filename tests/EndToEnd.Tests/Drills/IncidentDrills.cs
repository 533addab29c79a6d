using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using EndToEnd.Tests.Support;
using static EndToEnd.Tests.Drills.DrillRun;

namespace EndToEnd.Tests.Drills;

/// <summary>
/// The drills, one per scenario of <see cref="IncidentScenarios"/>, each reading the symptom where the scenario's
/// <see cref="IncidentScenario.WhereToLook"/> says to. A new scenario's drill is one entry here.
/// </summary>
public static class IncidentDrills
{
    private const string CheckoutRoute = "POST /api/checkout";
    private const string AdsRoute = "GET /api/ads";
    private const string PictureRoute = "GET /images/products/{**path}";
    private const string FailingProduct = "OLJCESPC7Z";
    private const double MiB = 1024 * 1024;

    public static IReadOnlyList<Drill> All { get; } =
    [
        // 50%: Checkout's error rate is 35–65%, failed charges in error. Over 40 checkouts that is ±1.9 standard
        // deviations; a window outside it is observed again. Frontend's breaker to Checkout may open on so many
        // failures (a real cascade), so fewer checkouts than sent may reach Checkout.
        new("payment-failure",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(60), () =>
            {
                var checkouts = run.ServerSpans(ResourceNames.Checkout, CheckoutRoute);
                var failedCharges = run.ServerSpans(ResourceNames.Payment, "POST /api/charges").Where(s => s.StatusCode == ReceivedSpan.StatusError).ToList();
                return checkouts.Count >= 40 && ErrorRate(checkouts) is >= 0.35 and <= 0.65 && failedCharges.Count >= 10
                    ? null
                    : $"{checkouts.Count} checkouts, error rate {ErrorRate(checkouts):P0} (want 35–65% over >= 40), {failedCharges.Count} charge spans in error (want >= 10)";
            }),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(20), () =>
            {
                var checkouts = run.ServerSpans(ResourceNames.Checkout, CheckoutRoute);
                var charges = run.ServerSpans(ResourceNames.Payment, "POST /api/charges");
                var failedCharges = charges.Count(s => s.StatusCode == ReceivedSpan.StatusError);
                return checkouts.Count >= 20 && ErrorRate(checkouts) <= 0.05 && charges.Count >= 20 && failedCharges == 0
                    ? null
                    : $"{checkouts.Count} checkouts, error rate {ErrorRate(checkouts):P0} (want <= 5%), {failedCharges} of {charges.Count} charges in error (want 0 of >= 20)";
            })),

        // Every checkout 503: the charge goes to an address where nothing listens, so Payment sees nothing. Frontend's
        // breaker to Checkout soon opens (503 as well), so the shopper's side is counted at Frontend.
        new("payment-unreachable",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(10), () =>
            {
                var shoppers = run.ServerSpans(ResourceNames.Frontend, CheckoutRoute);
                var checkouts = run.ServerSpans(ResourceNames.Checkout, CheckoutRoute);
                var not503 = shoppers.Concat(checkouts).Count(s => s.Attribute("http.response.status_code") != "503");
                var refused = run.Spans(s => s.ServiceName == ResourceNames.Checkout && s.Kind == ReceivedSpan.KindClient && s.StatusCode == ReceivedSpan.StatusError).Count;
                var charges = run.ServerSpans(ResourceNames.Payment, "POST /api/charges").Count;
                return shoppers.Count >= 10 && checkouts.Count >= 1 && not503 == 0 && refused >= 1 && charges == 0
                    ? null
                    : $"{shoppers.Count} checkouts at frontend (want >= 10), {checkouts.Count} at checkout (want >= 1), {not503} not 503 (want 0), " +
                      $"{refused} failed outgoing calls of checkout (want >= 1), {charges} charges reached Payment (want 0)";
            }),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(10), () =>
            {
                var shoppers = run.ServerSpans(ResourceNames.Frontend, CheckoutRoute);
                var charges = run.ServerSpans(ResourceNames.Payment, "POST /api/charges").Count;
                return shoppers.Count >= 10 && ErrorRate(shoppers) == 0 && charges >= 10
                    ? null
                    : $"{shoppers.Count} checkouts at frontend, error rate {ErrorRate(shoppers):P0} (want 0 over >= 10), {charges} charges reached Payment (want >= 10)";
            })),

        // Emptying the cart after a checkout fails in Cart (a real failed Redis command).
        new("cart-failure",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(8), () =>
            {
                var empties = run.ServerSpans(ResourceNames.Cart, "DELETE /api/cart/{userId}");
                var ok = empties.Count(s => s.StatusCode != ReceivedSpan.StatusError);
                var redisErrors = run.Spans(s => s.ServiceName == ResourceNames.Cart && s.Kind == ReceivedSpan.KindClient && s.StatusCode == ReceivedSpan.StatusError).Count;
                return empties.Count >= 8 && ok == 0 && redisErrors >= 8
                    ? null
                    : $"{empties.Count} cart empties, {ok} not in error (want 0 of >= 8), {redisErrors} failed Redis commands (want >= 8)";
            }),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(8), () =>
            {
                var empties = run.ServerSpans(ResourceNames.Cart, "DELETE /api/cart/{userId}");
                var failed = empties.Count(s => s.StatusCode == ReceivedSpan.StatusError);
                return empties.Count >= 8 && failed == 0 ? null : $"{empties.Count} cart empties, {failed} in error (want 0 of >= 8)";
            })),

        // One product fails in ProductCatalog; the others do not (those that reach it: Frontend's breaker to ProductCatalog
        // may open on the failures and turn every product away for a while, a real cascade).
        new("catalog-failure",
            Symptom: run => run.ObserveAsync(() => ProductPagesAsync(run), () =>
            {
                var spans = run.ServerSpans(ResourceNames.ProductCatalog, "GET /api/products/{id}");
                var failing = spans.Where(s => s.Attribute("app.product.id") == FailingProduct).ToList();
                var ok = failing.Count(s => s.StatusCode != ReceivedSpan.StatusError);
                var othersFailed = spans.Count(s => s.Attribute("app.product.id") != FailingProduct && s.StatusCode == ReceivedSpan.StatusError);
                return failing.Count >= 3 && ok == 0 && othersFailed == 0
                    ? null
                    : $"{FailingProduct}: {ok} of {failing.Count} not in error (want 0 of >= 3); other products: {othersFailed} in error (want 0)";
            }),
            Cleared: run => run.ObserveAsync(() => ProductPagesAsync(run), () =>
            {
                var failing = run.ServerSpans(ResourceNames.ProductCatalog, "GET /api/products/{id}").Where(s => s.Attribute("app.product.id") == FailingProduct).ToList();
                var failed = failing.Count(s => s.StatusCode == ReceivedSpan.StatusError);
                return failing.Count >= 3 && failed == 0 ? null : $"{FailingProduct}: {failed} of {failing.Count} in error (want 0 of >= 3)";
            })),

        // Cart says it is not ready (the dashboard's health column, fed by the AppHost's probe of /health) yet answers.
        new("failed-readiness",
            Symptom: run => run.ObserveAsync(() => CartReadsAsync(run), () =>
            {
                var health = CartHealth(run);
                var reads = run.ServerSpans(ResourceNames.Cart, "GET /api/cart/{userId}");
                var failed = reads.Count(s => s.StatusCode == ReceivedSpan.StatusError);
                return health == HealthStatus.Unhealthy && reads.Count >= 5 && failed == 0
                    ? null
                    : $"cart's health {health?.ToString() ?? "unknown"} (want Unhealthy), {failed} of {reads.Count} cart reads in error (want 0 of >= 5)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(() => CartReadsAsync(run), () =>
                CartHealth(run) == HealthStatus.Healthy ? null : $"cart's health {CartHealth(run)?.ToString() ?? "unknown"} (want Healthy)",
                TimeSpan.FromSeconds(30))),

        // 1000x (the default 100x holds ~80 KB an order: too little to tell from noise in a few seconds): each
        // confirmation leaves 1000 copies of its HTML, and Email's working set grows with the orders.
        new("email-memory-leak",
            // Without the leak, 30 checkouts grew a young Email's working set by 6 MiB (measured): the bar is well above.
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(30), () =>
            {
                var leaked = Latest(run.Values(ResourceNames.Email, "app.email.leaked.bytes"));
                var growth = Growth(run.Values(ResourceNames.Email, "dotnet.process.memory.working_set"));
                return leaked >= 16 * MiB && growth >= 16 * MiB
                    ? null
                    : $"email holds {leaked / MiB:F1} MiB of leaked copies (want >= 16), its working set grew {growth / MiB:F1} MiB in the window (want >= 16)";
            }),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(30), () =>
            {
                var leaked = Latest(run.Values(ResourceNames.Email, "app.email.leaked.bytes"));
                var workingSet = run.Values(ResourceNames.Email, "dotnet.process.memory.working_set");
                var growth = Growth(workingSet);
                return leaked == 0 && workingSet.Count >= 4 && growth < 8 * MiB
                    ? null
                    : $"email holds {leaked / MiB:F1} MiB of leaked copies (want 0), its working set grew {growth / MiB:F1} MiB over {workingSet.Count} values (want < 8 over >= 4)";
            }))
        {
            Variant = "1000x",
        },

        // 5sec: shipping abroad waits 5 s; shipping at home does not.
        new("intl-shipping-slowdown",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(3, 3, AddressAbroad), () =>
            {
                var slow = run.ServerSpans(ResourceNames.Shipping, "POST /api/shipping/ship").Count(s => s.Duration >= TimeSpan.FromSeconds(5));
                var slowdowns = run.Spans(s => s.ServiceName == ResourceNames.Shipping && s.Name == "intl shipping slowdown" && s.Attribute("app.shipping.country") == "FR").Count;
                return slow >= 3 && slowdowns >= 3 ? null : $"{slow} shipments of >= 5 s (want >= 3), {slowdowns} slowdown spans for FR (want >= 3)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(3, 3, AddressAbroad), () =>
            {
                var shipments = run.ServerSpans(ResourceNames.Shipping, "POST /api/shipping/ship");
                var slow = shipments.Count(s => s.Duration >= TimeSpan.FromSeconds(1));
                return shipments.Count >= 3 && slow == 0 ? null : $"{slow} of {shipments.Count} shipments took >= 1 s (want 0 of >= 3)";
            })),

        // The load generator's two users flood the home page: several times its usual rate (about 1 in 4 s with the flag off).
        new("flood-homepage",
            Symptom: run => run.ObserveAsync(TimeSpan.FromSeconds(4), () =>
            {
                var homes = run.ServerSpans(ResourceNames.Frontend, "GET /").Count;
                return homes >= 12 ? null : $"{homes} home page requests in 4 s (want >= 12)";
            }),
            Cleared: run => run.ObserveAsync(TimeSpan.FromSeconds(4), () =>
            {
                var homes = run.ServerSpans(ResourceNames.Frontend, "GET /").Count;
                return homes <= 4 ? null : $"{homes} home page requests in 4 s (want <= 4)";
            })),

        // Peaks of 4 s every 5–6 s (DrillPlatform): checkouts started in a peak have p95 > 1.5 s; off, p95 < 200 ms.
        new("checkout-peak-mode",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsForAsync(TimeSpan.FromSeconds(6)), () =>
            {
                var peak = run.Spans(s => s.ServiceName == ResourceNames.Checkout && s.Name == "PlaceOrder" && s.Attribute("app.checkout.peak_mode.in_peak") == "true");
                if (peak.Count == 0)
                {
                    return "no checkout in a peak (no PlaceOrder span with app.checkout.peak_mode.in_peak=true)";
                }
                var (from, to) = (peak.Min(s => s.Start), peak.Max(s => s.Start));
                var inPeak = run.ServerSpans(ResourceNames.Checkout, CheckoutRoute).Where(s => s.Start >= from && s.Start <= to).ToList();
                return inPeak.Count >= 3 && P95(inPeak) > TimeSpan.FromSeconds(1.5)
                    ? null
                    : $"{inPeak.Count} checkouts during the peak {from:HH:mm:ss.fff}–{to:HH:mm:ss.fff}, p95 {P95(inPeak).TotalMilliseconds:F0} ms (want > 1500 ms over >= 3)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(() => run.CheckoutsAsync(20, 1), () =>
            {
                var checkouts = run.ServerSpans(ResourceNames.Checkout, CheckoutRoute);
                var simulated = run.Spans(s => s.ServiceName == ResourceNames.Checkout && s.Name == "PlaceOrder" && s.Attribute("app.checkout.peak_mode.delay_ms") is not null).Count;
                return checkouts.Count >= 20 && P95(checkouts) < TimeSpan.FromMilliseconds(200) && simulated == 0
                    ? null
                    : $"{checkouts.Count} checkouts, p95 {P95(checkouts).TotalMilliseconds:F0} ms (want < 200 ms over >= 20), {simulated} with a simulated delay (want 0); " +
                      $"slowest: {run.Slowest(checkouts)}";
            })),

        // 'on': Checkout publishes each order 100 extra times and FraudDetection consumes each message slowly: its lag,
        // measured every 0.5 s (DrillPlatform), climbs. Cleared: consumption is fast again and the backlog drains.
        new("kafka-queue-problems",
            Symptom: run => run.ObserveAsync(() => run.CheckoutsAsync(3, 3), () =>
            {
                var lag = LagOverTime(run.Values(ResourceNames.FraudDetection, "app.fraud.consumer.lag"));
                return lag.Count >= 2 && lag[^1] >= 50 && lag[^1] > lag[0]
                    ? null
                    : $"frauddetection's lag over the window: {string.Join(", ", lag)} (want rising to >= 50)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(TimeSpan.FromSeconds(2), () =>
            {
                var lag = LagOverTime(run.Values(ResourceNames.FraudDetection, "app.fraud.consumer.lag"));
                return lag.Count >= 2 && lag[^1] <= 5 ? null : $"frauddetection's lag over the window: {string.Join(", ", lag)} (want <= 5 at the end)";
            }, TimeSpan.FromSeconds(60))),

        // One ad request in ten fails in Ad. Over 100 requests, 2–25% is about ±2.5 standard deviations around 10%.
        new("ad-failure",
            Symptom: run => run.ObserveAsync(() => AdRequestsAsync(run, 100), () =>
            {
                var ads = run.ServerSpans(ResourceNames.Ad, AdsRoute);
                return ads.Count >= 80 && ErrorRate(ads) is >= 0.02 and <= 0.25
                    ? null
                    : $"{ads.Count} ad requests, error rate {ErrorRate(ads):P0} (want 2–25% over >= 80)";
            }),
            Cleared: run => run.ObserveAsync(() => AdRequestsAsync(run, 40), () =>
            {
                var ads = run.ServerSpans(ResourceNames.Ad, AdsRoute);
                return ads.Count >= 30 && ErrorRate(ads) == 0 ? null : $"{ads.Count} ad requests, error rate {ErrorRate(ads):P0} (want 0 over >= 30)";
            })),

        // Ad's process CPU, from the runtime's dotnet.process.cpu.time (user + system), above half a core while it burns.
        new("ad-high-cpu",
            Symptom: run => run.ObserveAsync(TimeSpan.FromSeconds(3), () =>
            {
                var cores = CpuCores(run.Values(ResourceNames.Ad, "dotnet.process.cpu.time"));
                return cores > 0.5 ? null : $"ad used {cores:F2} cores over the window (want > 0.5)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(TimeSpan.FromSeconds(3), () =>
            {
                var cores = CpuCores(run.Values(ResourceNames.Ad, "dotnet.process.cpu.time"));
                return cores < 0.2 ? null : $"ad used {cores:F2} cores over the window (want < 0.2)";
            }, TimeSpan.FromSeconds(30))),

        // Each ad request forces three full (gen2) collections in Ad.
        new("ad-manual-gc",
            Symptom: run => run.ObserveAsync(() => AdRequestsAsync(run, 5, parallelism: 1), () =>
            {
                var gen2 = Growth(Gen2(run.Values(ResourceNames.Ad, "dotnet.gc.collections")));
                return gen2 >= 10 ? null : $"ad ran {gen2} gen2 collections in the window (want >= 10 for 5 requests)";
            }),
            Cleared: run => run.ObserveAsync(() => AdRequestsAsync(run, 5, parallelism: 1), () =>
            {
                var points = Gen2(run.Values(ResourceNames.Ad, "dotnet.gc.collections"));
                var gen2 = Growth(points);
                return points.Count >= 2 && gen2 <= 2 ? null : $"ad ran {gen2} gen2 collections over {points.Count} values (want <= 2 over >= 2)";
            })),

        // 5sec: every picture waits 5 s in a span of its own; the load generator fetches none, so the drill does.
        new("image-slow-load",
            Symptom: run => run.ObserveAsync(() => PicturesAsync(run), () =>
            {
                var slow = run.ServerSpans(ResourceNames.Frontend, PictureRoute).Count(s => s.Duration >= TimeSpan.FromSeconds(5));
                var waits = run.Spans(s => s.ServiceName == ResourceNames.Frontend && s.Name == "image slow load" && s.Attribute("app.image.slow_load.delay_ms") == "5000").Count;
                return slow >= 3 && waits >= 3 ? null : $"{slow} pictures served in >= 5 s (want >= 3), {waits} 'image slow load' spans of 5000 ms (want >= 3)";
            }, TimeSpan.FromSeconds(30)),
            Cleared: run => run.ObserveAsync(() => PicturesAsync(run), () =>
            {
                var pictures = run.ServerSpans(ResourceNames.Frontend, PictureRoute);
                var slow = pictures.Count(s => s.Duration >= TimeSpan.FromSeconds(1));
                return pictures.Count >= 3 && slow == 0 ? null : $"{slow} of {pictures.Count} pictures took >= 1 s (want 0 of >= 3)";
            })),

        // Each recommendation request adds 130 entries to Recommendation's cache that are never evicted; off, the first
        // request releases them.
        new("recommendation-cache-leak",
            Symptom: run => run.ObserveAsync(() => RecommendationsAsync(run, 10), () =>
            {
                // The catalogue alone is 13 entries (the previous clear released the rest); 10 requests add 1,300.
                var size = Latest(run.Values(ResourceNames.Recommendation, "app.recommendation.cache.size"));
                return size >= 1000 ? null : $"recommendation's cache holds {size} entries (want >= 1000 after 10 requests)";
            }),
            Cleared: run => run.ObserveAsync(() => RecommendationsAsync(run, 3), () =>
            {
                var size = Latest(run.Values(ResourceNames.Recommendation, "app.recommendation.cache.size"));
                return size is > 0 and <= 100 ? null : $"recommendation's cache holds {size} entries (want the catalogue alone: 1–100)";
            })),
    ];

    public static Drill Find(string scenario) => All.Single(d => d.Scenario == scenario);

    // Frontend retries a failed GET with backoff for ~15 s before it answers 502; ProductCatalog's spans of the first
    // attempts are all a probe needs, so the shopper gives up after 3 s.
    private static Task ProductPagesAsync(DrillRun run) =>
        Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { FailingProduct, ShopApi.Telescope })
            .Select(id => run.GetAsync($"/api/products/{id}", TimeSpan.FromSeconds(3))));

    private static async Task CartReadsAsync(DrillRun run)
    {
        for (var i = 0; i < 5; i++)
        {
            var status = await run.GetAsync($"/api/cart/drill-{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.OK, status);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static HealthStatus? CartHealth(DrillRun run) =>
        run.Platform.App.ResourceNotifications.TryGetCurrentState(ResourceNames.Cart, out var state) ? state.Snapshot.HealthStatus : null;

    private static Task AdRequestsAsync(DrillRun run, int count, int parallelism = 4) =>
        run.GetManyAsync("/api/ads?contextKeys=telescopes", count, parallelism);

    private static Task RecommendationsAsync(DrillRun run, int count) =>
        run.GetManyAsync($"/api/recommendations?productIds={ShopApi.Telescope}", count, parallelism: 2);

    // Three pictures at once, each allowed its 5 s delay and some.
    private static Task PicturesAsync(DrillRun run) =>
        Task.WhenAll(new[] { ShopApi.Telescope, FailingProduct, ShopApi.Telescope }
            .Select(id => run.GetAsync($"/images/products/{id}.svg", TimeSpan.FromSeconds(15))));

    /// <summary>The consumer lag summed over partitions, per export, oldest first.</summary>
    private static List<double> LagOverTime(IReadOnlyList<ReceivedMetricPoint> points) =>
        [.. points.GroupBy(p => p.Time).OrderBy(g => g.Key).Select(g => g.Sum(p => p.Value))];

    /// <summary>Cores used over the window: the rise of the cumulative CPU seconds (all modes) over the time it took.</summary>
    private static double CpuCores(IReadOnlyList<ReceivedMetricPoint> points)
    {
        var totals = points.GroupBy(p => p.Time).OrderBy(g => g.Key).Select(g => (Time: g.Key, Seconds: g.Sum(p => p.Value))).ToList();
        return totals.Count < 2 ? 0 : (totals[^1].Seconds - totals[0].Seconds) / (totals[^1].Time - totals[0].Time).TotalSeconds;
    }

    private static List<ReceivedMetricPoint> Gen2(IReadOnlyList<ReceivedMetricPoint> points) =>
        [.. points.Where(p => p.Attributes.TryGetValue("gc.heap.generation", out var generation) && generation == "gen2")];

    private static double Latest(IReadOnlyList<ReceivedMetricPoint> points) => points.Count == 0 ? 0 : points[^1].Value;

    /// <summary>How much the value rose from the first of the window to its highest.</summary>
    private static double Growth(IReadOnlyList<ReceivedMetricPoint> points) => points.Count == 0 ? 0 : points.Max(p => p.Value) - points[0].Value;
}
