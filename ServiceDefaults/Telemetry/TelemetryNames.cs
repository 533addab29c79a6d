namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySource and Meter names ServiceDefaults subscribes to beyond the instrumentation
/// packages. The Platform's own sources and meters start with <c>Platform.</c> (Kafka spans come
/// from <c>Platform.Messaging</c>, checkout's from <c>Platform.Checkout</c>), so one wildcard covers
/// all of them.
/// </summary>
public static class TelemetryNames
{
    /// <summary>Wildcard that matches every Platform ActivitySource and Meter (e.g. "Platform.Messaging").</summary>
    public const string PlatformWildcard = "Platform.*";

    /// <summary>Npgsql's own ActivitySource and Meter (it instruments itself; no package needed).</summary>
    public const string Npgsql = "Npgsql";

    /// <summary>The meter of ServiceDefaults itself (flag fallbacks).</summary>
    public const string ServiceDefaultsMeter = "Platform.ServiceDefaults";
}
