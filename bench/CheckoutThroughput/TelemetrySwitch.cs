using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// What one phase's services export, applied to every project's environment when the Platform starts:
/// <list type="bullet">
/// <item>off: no OTLP endpoint, so ServiceDefaults registers no exporter (instrumentation still runs, nothing leaves the process);</item>
/// <item>sink: every trace, metric and log over OTLP/gRPC to bench/OtlpSink (what Aspire sets up for its
/// dashboard: same variables, same 1 s batch and metric intervals in Development);</item>
/// <item>dashboard: Aspire's own settings, pointing at the AppHost's dashboard (its OTLP endpoint and API key).</item>
/// </list>
/// With a sample ratio, traces are sampled by <c>parentbased_traceidratio</c> (metrics and logs stay whole).
/// </summary>
public sealed class TelemetrySwitch(PhaseKind phase, Uri? sink, bool perfMaps)
{
    /// <summary>An environment callback for every project; it runs after Aspire's own OTLP callback, so it wins.</summary>
    public void Apply(EnvironmentCallbackContext context)
    {
        var environment = context.EnvironmentVariables;
        if (perfMaps)
        {
            // /tmp/perf-PID.map for Linux perf. With W^X on (the default) JIT code runs from a memfd mapping that
            // perf reports as one library ("memfd:doublemapper") without method names; turning W^X off for the
            // profile (DOTNET_EnableWriteXorExecute=0) left perf record unable to finish its file here (twice).
            environment["DOTNET_PerfMapEnabled"] = "1";
        }

        switch (phase.Export)
        {
            case Export.Off:
                // Aspire points every project at a dashboard (http://localhost:18889 when none is configured).
                environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                environment.Remove("OTEL_EXPORTER_OTLP_PROTOCOL");
                environment.Remove("OTEL_EXPORTER_OTLP_HEADERS");
                return;
            case Export.Sink:
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = (sink ?? throw new InvalidOperationException("No sink started.")).ToString().TrimEnd('/');
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
                environment.Remove("OTEL_EXPORTER_OTLP_HEADERS");
                break;
        }

        if (phase.SampleRatio is { } ratio)
        {
            environment["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio";
            environment["OTEL_TRACES_SAMPLER_ARG"] = ratio.ToString(CultureInfo.InvariantCulture);
        }
    }
}
