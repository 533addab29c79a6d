using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using EndToEnd.Tests.Support;
using static EndToEnd.Tests.Drills.DrillRun;

namespace EndToEnd.Tests.Drills;

/// <summary>
/// The drills, one per scenario of <see cref="IncidentScenarios"/> whose service runs today, each reading the symptom
/// where the scenario's <see cref="IncidentScenario.WhereToLook"/> says to. A new service's drill is one entry here and
/// its name out of <see cref="Pending"/>.
/// </summary>
public static class IncidentDrills
{
    /// <summary>Scenarios without a drill yet, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pending = new Dictionary<string, string>
    {
        ["kafka-queue-problems"] = "its symptom is FraudDetection's consumer lag; FraudDetection is being built",
        ["ad-failure"] = "the Ad service is being built",
        ["ad-high-cpu"] = "the Ad service is being built",
        ["ad-manual-gc"] = "the Ad service is being built",
        ["image-slow-load"] = "Frontend's image delay is being built",
        ["recommendation-cache-leak"] = "the Recommendation service is being built",
    };

    private const string CheckoutRoute = "POST /api/checkout";
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

    private static double Latest(IReadOnlyList<ReceivedMetricPoint> points) => points.Count == 0 ? 0 : points[^1].Value;

    /// <summary>How much the value rose from the first of the window to its highest.</summary>
    private static double Growth(IReadOnlyList<ReceivedMetricPoint> points) => points.Count == 0 ? 0 : points.Max(p => p.Value) - points[0].Value;
}
