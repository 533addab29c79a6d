using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Extra provider configuration registered through <c>ConfigurePlatformTracing/Metrics</c>.</summary>
internal sealed class TelemetryBuilderHooks
{
    public List<Action<TracerProviderBuilder>> Tracing { get; } = [];

    public List<Action<MeterProviderBuilder>> Metrics { get; } = [];
}
