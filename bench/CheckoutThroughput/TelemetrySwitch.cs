using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// Whether the services export telemetry, read each time a service starts: on = every trace, metric and
/// log goes over OTLP/gRPC to <see cref="Receiver"/> (what Aspire sets up for its dashboard: same
/// variables, same 1 s batch and metric intervals in Development); off = no OTLP endpoint, so
/// ServiceDefaults registers no exporter (instrumentation still runs, nothing leaves the process).
/// </summary>
public sealed class TelemetrySwitch
{
    public Uri? Receiver { get; set; }

    /// <summary>With a value, traces are sampled by <c>parentbased_traceidratio</c> at that ratio (metrics and logs stay whole).</summary>
    public double? SampleRatio { get; set; }

    public bool On => Receiver is not null;

    /// <summary>An environment callback for every project; it runs after Aspire's own OTLP callback, so it wins.</summary>
    public void Apply(EnvironmentCallbackContext context)
    {
        var environment = context.EnvironmentVariables;
        if (Receiver is null)
        {
            // Aspire points every project at a dashboard (http://localhost:18889 when none is configured).
            environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            environment.Remove("OTEL_EXPORTER_OTLP_PROTOCOL");
            return;
        }

        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.ToString().TrimEnd('/');
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        if (SampleRatio is { } ratio)
        {
            environment["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio";
            environment["OTEL_TRACES_SAMPLER_ARG"] = ratio.ToString(CultureInfo.InvariantCulture);
        }
    }
}
