namespace Platform.Contracts;

/// <summary>
/// One incident an operator can practise: the flag that causes it, the variant that triggers it, and what an
/// operator should find and where (so <c>incident list</c> and the drills read the same description).
/// </summary>
/// <param name="Name">The scenario's name on the command line (<c>payment-failure</c>).</param>
/// <param name="FlagKey">The flag in <see cref="FlagKeys"/> that causes it.</param>
/// <param name="Variants">The flag's variants, as in <c>demo.flagd.json</c> (the off variant included).</param>
/// <param name="TriggerVariant">The variant <c>incident trigger</c> sets when none is given.</param>
/// <param name="Service">The resource (<see cref="ResourceNames"/>) that misbehaves.</param>
/// <param name="Symptom">What an operator should see.</param>
/// <param name="WhereToLook">Dashboard page, metric and span names to look at.</param>
public sealed record IncidentScenario(
    string Name, string FlagKey, IReadOnlyList<string> Variants, string TriggerVariant,
    string Service, string Symptom, string WhereToLook)
{
    /// <summary>The variant that means "no incident"; every demo flag has it and defaults to it.</summary>
    public const string OffVariant = "off";
}

/// <summary>
/// The catalogue of the Platform's incident scenarios (issue 10), one per flag except the load generator's own
/// flood. Scenarios of what is not built yet (image delays in Frontend) are listed as well: their flag exists and
/// can be switched; the symptom appears once the service reads it.
/// A test checks every flag and variant against <c>services/FlagService/flags/demo.flagd.json</c>.
/// </summary>
public static class IncidentScenarios
{
    private static readonly string[] OnOff = ["on", "off"];

    /// <summary>Every scenario, in the order.</summary>
    public static IReadOnlyList<IncidentScenario> All { get; } =
    [
        new("payment-failure", FlagKeys.PaymentFailure, ["100%", "90%", "75%", "50%", "25%", "10%", "off"], "50%", ResourceNames.Payment,
            "The variant's share of checkouts fail with 502 (service checkout, serviceStatus 502); Payment's charges fail.",
            "Traces: frontend 'POST /api/checkout' → checkout 'PlaceOrder' → payment 'POST /api/charges' spans in error. " +
            "Metrics: app.payment.failures (payment) rises against app.payment.charges; app.checkout.failures{app.checkout.failure.reason=payment}."),
        new("payment-unreachable", FlagKeys.PaymentUnreachable, OnOff, "on", ResourceNames.Checkout,
            "Every checkout fails with 503: Checkout calls Payment at an address where nothing listens.",
            "Traces: checkout 'PlaceOrder' in error with a failed outgoing HTTP span (connection refused) and no payment span. " +
            "Metrics: app.checkout.failures{app.checkout.failure.reason=payment}; app.orders.placed flat. Structured logs: checkout CheckoutFailed."),
        new("cart-failure", FlagKeys.CartFailure, OnOff, "on", ResourceNames.Cart,
            "Emptying a cart fails (a real failed Redis command): 'Empty cart' and the cart step after checkout error.",
            "Traces: cart 'DELETE /api/cart/{userId}' spans in error with a failing Redis DEL child span. " +
            "Structured logs: checkout EmptyCartFailed. Metrics: app.cart.emptied stops growing."),
        new("catalog-failure", FlagKeys.ProductCatalogFailure, OnOff, "on", ResourceNames.ProductCatalog,
            "Product OLJCESPC7Z fails: its page and any checkout holding it answer 502.",
            "Traces: productcatalog 'GET /api/products/{id}' spans in error for app.product.id=OLJCESPC7Z. " +
            "Structured logs: productcatalog ProductCatalogFailure. Metrics: http.server.request.duration{http.response.status_code=500} on productcatalog."),
        new("kafka-queue-problems", FlagKeys.KafkaQueueProblems, ["on", "off"], "on", ResourceNames.Accounting,
            "Checkout publishes each order 100 extra times and the consumers slow down: consumer lag on 'orders' grows.",
            "Metrics: app.fraud.consumer.lag (frauddetection, per partition) rises while the flag is on and falls back after it goes off; " +
            "app.accounting.orders.duplicates rises, app.accounting.orders.stored lags app.orders.placed. " +
            "Traces: checkout 'orders publish' spans multiply; 'orders process' spans of accounting carry app.accounting.slowed=true, " +
            "of frauddetection app.fraud.slowed=true and app.fraud.slow_delay_ms."),
        new("failed-readiness", FlagKeys.FailedReadinessProbe, OnOff, "on", ResourceNames.Cart,
            "Cart reports itself unhealthy on /health (readiness) while it still answers.",
            "Dashboard Resources page: cart's health state Unhealthy (health check failedReadinessProbe). " +
            "Structured logs: cart HealthCheckNotHealthy (warning, within 10 s) and HealthCheckHealthyAgain when cleared. " +
            "In Kubernetes the pod leaves the Service's endpoints and cart calls fail with 503."),
        new("ad-failure", FlagKeys.AdFailure, OnOff, "on", ResourceNames.Ad,
            "One ad request in ten fails with a 500 problem; product pages render without their ad, /api/ads answers 502.",
            "Traces: ad 'GET /api/ads' spans in error (exception adFailure) for about 10% of requests; frontend 'GET /products/{id}' stays OK with a failed client span to ad. " +
            "Metrics: app.ad.failures; http.server.request.duration{http.response.status_code=500} on ad. Structured logs: ad AdFailure (error), frontend ProductExtraMissing."),
        new("ad-high-cpu", FlagKeys.AdHighCpu, OnOff, "on", ResourceNames.Ad,
            "Ad spins two threads while the flag is on (read every second): its CPU rises to about two cores and stops within a second of the flag going off.",
            "Metrics: process.cpu.time / dotnet.process.cpu.time of ad (rate above 50% of a core), app.ad.cpu.burning_threads = 2, app.ad.cpu.burned; ad 'GET /api/ads' spans carry app.ads.high_cpu=true. " +
            "Structured logs: ad HighCpuStarted / HighCpuStopped."),
        new("ad-manual-gc", FlagKeys.AdManualGc, OnOff, "on", ResourceNames.Ad,
            "Each ad request builds 64 MiB of small objects and forces three full compacting (gen2) collections: ad's GC pauses and latency spike.",
            "Metrics: dotnet.gc.collections{gc.heap.generation=gen2} and dotnet.gc.pause.time of ad rise with app.ad.gc.forced; http.server.request.duration of ad. " +
            "Traces: ad 'GET /api/ads' spans with app.ads.manual_gc.duration_ms. Structured logs: ad ManualGc (warning)."),
        new("email-memory-leak", FlagKeys.EmailMemoryLeak, ["10000x", "1000x", "100x", "10x", "1x", "off"], "100x", ResourceNames.Email,
            "Email's memory grows with every confirmation, by the variant's factor.",
            "Traces: email 'POST /api/confirmations'. Metrics: dotnet.process.memory.working_set and dotnet.gc.last_collection.heap.size of email growing without bound."),
        new("image-slow-load", FlagKeys.ImageSlowLoad, ["10sec", "5sec", "off"], "5sec", ResourceNames.Frontend,
            "Every product picture Frontend serves waits the variant's delay (5 s / 10 s) before it is sent.",
            "Traces: frontend 'GET /images/products/{**path}' spans of 5 s / 10 s, each with a child span 'image slow load' " +
            "(app.image.slow_load.delay_ms = 5000 / 10000, app.image.picture). Metrics: http.server.request.duration p95 of " +
            "frontend route '/images/products/{**path}'. Logs: frontend ImageSlowed warnings. Pages load their pictures late " +
            "(a browser caches a picture for an hour)."),
        new("recommendation-cache-leak", FlagKeys.RecommendationCacheFailure, OnOff, "on", ResourceNames.Recommendation,
            "Recommendation's product cache grows with every request and is never evicted; lookups scan it all, so memory and latency climb until the flag goes off (then it is released).",
            "Metrics: app.recommendation.cache.size rising, dotnet.process.memory.working_set and dotnet.gc.last_collection.heap.size of recommendation growing. " +
            "Traces: recommendation 'GET /api/recommendations' and its child span recommendation.cache.scan (tag app.recommendation.cache.size) getting longer. Structured logs: recommendation CacheLeaking."),
        new("intl-shipping-slowdown", FlagKeys.IntlShippingSlowdown, ["10sec", "5sec", "off"], "5sec", ResourceNames.Shipping,
            "Non-domestic orders wait the variant's delay when shipped.",
            "Traces: shipping 'POST /api/shipping/ship' spans of 5 s / 10 s for non-US addresses; checkout 'PlaceOrder' p95 rises."),
        new("flood-homepage", FlagKeys.LoadGeneratorFloodHomepage, OnOff, "on", ResourceNames.LoadGenerator,
            "The load generator's users flood the home page: Frontend and ProductCatalog request rates jump.",
            "Metrics: http.server.request.duration count of frontend route '/' (and productcatalog 'GET /api/products/') rises several times; " +
            "loadgenerator's summary shows the 'flood home' task. Traces: many 'GET /' spans with baggage synthetic_request=true."),
        new("checkout-peak-mode", FlagKeys.CheckoutPeakMode, OnOff, "on", ResourceNames.Checkout,
            "Checkout alternates normal latency with peaks of latency and errors: p95 above 1.5 s during a peak.",
            "Traces: checkout 'PlaceOrder' spans with app.checkout.peak_mode.in_peak=true and app.checkout.peak_mode.delay_ms. " +
            "Metrics: http.server.request.duration p95 of checkout 'POST /api/checkout/'; app.checkout.failures."),
    ];

    /// <summary>The scenario called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IncidentScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
