namespace Platform.Contracts;

/// <summary>
/// The feature flags of the Platform, named as in the OpenTelemetry demo so its flag file and
/// habits carry over. Every key here is in <c>services/FlagService/flags/demo.flagd.json</c> and
/// the other way round (a test checks both directions).
/// </summary>
public static class FlagKeys
{
    /// <summary>Payment fails this share of charges (variants <c>off</c>, <c>10%</c> … <c>100%</c>).</summary>
    public const string PaymentFailure = "paymentFailure";

    /// <summary>Checkout calls Payment where nothing listens.</summary>
    public const string PaymentUnreachable = "paymentUnreachable";

    /// <summary>Emptying a cart fails with a real failed Redis command.</summary>
    public const string CartFailure = "cartFailure";

    /// <summary>ProductCatalog fails one product id.</summary>
    public const string ProductCatalogFailure = "productCatalogFailure";

    /// <summary>Checkout publishes each order extra times and Accounting slows down: lag grows.</summary>
    public const string KafkaQueueProblems = "kafkaQueueProblems";

    /// <summary>Cart's readiness check turns unhealthy.</summary>
    public const string FailedReadinessProbe = "failedReadinessProbe";

    /// <summary>Checkout's seeded normal/peak latency and error simulation.</summary>
    public const string CheckoutPeakMode = "checkoutPeakMode";

    /// <summary>Ad fails one request in ten.</summary>
    public const string AdFailure = "adFailure";

    /// <summary>Ad burns CPU until the flag goes off.</summary>
    public const string AdHighCpu = "adHighCpu";

    /// <summary>Ad builds heap pressure, then forces full collections.</summary>
    public const string AdManualGc = "adManualGc";

    /// <summary>Email's memory grows by this factor per confirmation (variants <c>off</c>, <c>1x</c> … <c>10000x</c>).</summary>
    public const string EmailMemoryLeak = "emailMemoryLeak";

    /// <summary>Frontend delays product images (variants <c>off</c>, <c>5sec</c>, <c>10sec</c>).</summary>
    public const string ImageSlowLoad = "imageSlowLoad";

    /// <summary>Recommendation's cache grows without bound.</summary>
    public const string RecommendationCacheFailure = "recommendationCacheFailure";

    /// <summary>Shipping delays non-domestic orders (variants <c>off</c>, <c>5sec</c>, <c>10sec</c>).</summary>
    public const string IntlShippingSlowdown = "intlShippingSlowdown";

    /// <summary>The load generator's users flood the home page.</summary>
    public const string LoadGeneratorFloodHomepage = "loadGeneratorFloodHomepage";

    /// <summary>Every key above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PaymentFailure, PaymentUnreachable, CartFailure, ProductCatalogFailure,
        KafkaQueueProblems, FailedReadinessProbe, CheckoutPeakMode,
        AdFailure, AdHighCpu, AdManualGc, EmailMemoryLeak, ImageSlowLoad,
        RecommendationCacheFailure, IntlShippingSlowdown, LoadGeneratorFloodHomepage,
    ];
}
