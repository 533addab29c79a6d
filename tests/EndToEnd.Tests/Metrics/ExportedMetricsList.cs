using System.Text;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Metrics;

/// <summary>
/// The committed list of the Prometheus series the Platform exports (deploy/observability/exported-metrics.txt),
/// which tools/deploy-checks checks every dashboard's PromQL against. One series a line, sorted:
/// <c>name&lt;TAB&gt;OpenTelemetry instrument (type, unit)&lt;TAB&gt;services</c>; the checks read the first column.
/// </summary>
public static class ExportedMetricsList
{
    public const string RelativePath = "deploy/observability/exported-metrics.txt";

    /// <summary>The variable that makes the whole-system test write the list instead of comparing with it.</summary>
    public const string UpdateVariable = "UPDATE_EXPORTED_METRICS";

    /// <summary>
    /// The list's text for what the services exported and what the collector adds: the spanmetrics
    /// connector's metrics for every service that sent spans, and the exporter's <c>target_info</c>
    /// (one series of resource attributes per service).
    /// </summary>
    public static string Format(IEnumerable<ReceivedMetric> exported, IEnumerable<string> servicesWithSpans, CollectorConfig collector)
    {
        var metrics = exported.Concat(servicesWithSpans.Distinct().SelectMany(collector.SpanMetricsOf)).ToList();
        var series = new SortedDictionary<string, (SortedSet<string> Instruments, SortedSet<string> Services)>(StringComparer.Ordinal);
        void Add(string name, string instrument, string service)
        {
            if (!series.TryGetValue(name, out var entry))
            {
                series[name] = entry = ([], []);
            }
            entry.Instruments.Add(instrument);
            entry.Services.Add(service);
        }

        foreach (var metric in metrics)
        {
            foreach (var name in PrometheusNames.SeriesOf(metric.Name, metric.Unit, metric.Type, metric.IsMonotonic))
            {
                Add(collector.ExporterNamespace.Length > 0 ? $"{collector.ExporterNamespace}_{name}" : name, Describe(metric), metric.ServiceName);
            }
        }
        foreach (var service in metrics.Select(m => m.ServiceName).Distinct())
        {
            Add("target_info", "resource attributes (prometheusremotewrite's target_info)", service);
        }

        var text = new StringBuilder();
        text.Append($"""
            # The Prometheus series the Platform exports, as the OpenTelemetry Collector
            # ({CollectorConfig.RelativePath}) writes them with prometheusremotewrite: the services'
            # own metrics over OTLP, the spanmetrics connector's (namespace {collector.SpanMetricsNamespace},
            # unit {collector.SpanMetricsHistogramUnit}; labels service_name, span_name, span_kind, status_code and
            # {string.Join(", ", collector.SpanMetricsDimensions.Select(d => d.Replace('.', '_')))}) and target_info.
            # Written by the whole-system test EndToEnd.Tests.ExportedMetricsTests from what the services
            # really exported while it drove the shop; tools/deploy-checks checks every PromQL name against
            # the first column. The services of a library's or the runtime's instrument (connections,
            # exceptions) depend on timing and are not compared; every other column is. Regenerate
            # (never edit by hand):
            #   {UpdateVariable}=1 dotnet test tests/EndToEnd.Tests --filter ExportedMetricsTests
            # series	instrument (type, unit)	services

            """);
        foreach (var (name, (instruments, services)) in series)
        {
            text.Append(name).Append('\t').AppendJoin("; ", instruments).Append('\t').AppendJoin(',', services).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// What must not change between two runs: every series and its instruments, and the services of
    /// the Platform's own instruments (app.*), of the span metrics and of target_info. Which services
    /// record a library's instrument such as http.client.connection.duration (a pooled connection
    /// closing) or dotnet.exceptions depends on timing, so those services are left out; and whether an
    /// instrument that counts errors the test does not cause appears at all depends on timing too (CI saw
    /// runs without any handled exception), so those are listed when seen but not compared.
    /// </summary>
    public static IReadOnlyList<string> Comparable(string list) =>
    [
        .. list.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(columns => !Sporadic.Any(name => (columns.ElementAtOrDefault(1) ?? "").StartsWith(name + " (", StringComparison.Ordinal)))
            .Select(columns => IsTimingIndependent(columns.ElementAtOrDefault(1) ?? "")
                ? string.Join('\t', columns)
                : string.Join('\t', columns.Take(2))),
    ];

    private static readonly string[] Sporadic = ["aspnetcore.diagnostics.exceptions", "db.client.operation.failed"];

    private static bool IsTimingIndependent(string instruments) =>
        instruments.StartsWith("app.", StringComparison.Ordinal) || instruments.StartsWith("resource attributes", StringComparison.Ordinal)
        || instruments.Contains(", spanmetrics)", StringComparison.Ordinal);

    private static string Describe(ReceivedMetric metric)
    {
        var type = metric.Type switch
        {
            MetricType.Sum => metric.IsMonotonic ? "counter" : "updowncounter",
            MetricType.ExponentialHistogram => "exponential histogram",
            _ => metric.Type.ToString().ToLowerInvariant(),
        };
        var origin = metric.Scope == CollectorConfig.SpanMetricsScope ? ", spanmetrics" : "";
        return metric.Unit.Length > 0 ? $"{metric.Name} ({type}, {metric.Unit}{origin})" : $"{metric.Name} ({type}{origin})";
    }
}
