using EndToEnd.Tests.Model;
using EndToEnd.Tests.Support;
// YamlDotNet comes with Aspire.Hosting.Testing (a direct reference would downgrade it).
using YamlDotNet.RepresentationModel;

namespace EndToEnd.Tests.Metrics;

/// <summary>
/// What the OpenTelemetry Collector of the repository (its Argo CD Application's Helm values) does to
/// metric names: the spanmetrics connector's namespace, histogram unit and kind, and the
/// prometheusremotewrite exporter's namespace. A setting this class does not model (suffixes off, a
/// UTF-8 translation strategy, span events as metrics) fails loudly instead of giving wrong names.
/// </summary>
public sealed class CollectorConfig
{
    public const string RelativePath = "deploy/argocd/base/observability/otel-collector.yaml";

    /// <summary>The instrumentation scope the connector's metrics carry.</summary>
    public const string SpanMetricsScope = "spanmetricsconnector";

    /// <summary>The spanmetrics connector's <c>namespace</c> (its default is traces.span.metrics).</summary>
    public required string SpanMetricsNamespace { get; init; }

    /// <summary>The duration histogram's unit, <c>ms</c> (default) or <c>s</c>.</summary>
    public required string SpanMetricsHistogramUnit { get; init; }

    public required bool SpanMetricsExponentialHistogram { get; init; }

    /// <summary>The span attributes the connector adds as labels (beyond service, span name, kind and status).</summary>
    public required IReadOnlyList<string> SpanMetricsDimensions { get; init; }

    /// <summary>The exporter's <c>namespace</c>, a prefix of every metric name ("" when unset).</summary>
    public required string ExporterNamespace { get; init; }

    public static CollectorConfig Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Repository.Root, RelativePath)))
        {
            yaml.Load(reader);
        }
        var config = Map(yaml.Documents[0].RootNode, "spec", "source", "helm", "valuesObject", "config");
        var spanMetrics = Map(config, "connectors", "spanmetrics");
        var exporter = Map(config, "exporters", "prometheusremotewrite");
        foreach (var unsupported in new[] { "add_metric_suffixes", "translation_strategy" })
        {
            if (exporter.Children.ContainsKey(unsupported))
            {
                throw new NotSupportedException($"{RelativePath}: prometheusremotewrite.{unsupported} changes metric names; teach {nameof(PrometheusNames)} the new rule first.");
            }
        }
        if (Scalar(spanMetrics, "events", "enabled") == "true")
        {
            throw new NotSupportedException($"{RelativePath}: spanmetrics events add a metric this class does not compute yet.");
        }
        var histogram = spanMetrics.Children.TryGetValue("histogram", out var h) ? (YamlMappingNode)h : new YamlMappingNode();
        return new CollectorConfig
        {
            SpanMetricsNamespace = Scalar(spanMetrics, "namespace") ?? "traces.span.metrics",
            SpanMetricsHistogramUnit = Scalar(histogram, "unit") ?? "ms",
            SpanMetricsExponentialHistogram = histogram.Children.ContainsKey("exponential"),
            SpanMetricsDimensions = spanMetrics.Children.TryGetValue("dimensions", out var d)
                ? [.. ((YamlSequenceNode)d).Children.Select(x => Scalar((YamlMappingNode)x, "name")!)]
                : [],
            ExporterNamespace = Scalar(exporter, "namespace") ?? "",
        };
    }

    /// <summary>
    /// The metrics the connector makes of a service's spans: <c>{namespace}.calls</c>, a monotonic sum
    /// without unit, and <c>{namespace}.duration</c>, a histogram in the configured unit.
    /// </summary>
    public IEnumerable<ReceivedMetric> SpanMetricsOf(string serviceName) =>
    [
        new(serviceName, SpanMetricsScope, SpanMetricsNamespace + ".calls", "", MetricType.Sum, IsMonotonic: true),
        new(serviceName, SpanMetricsScope, SpanMetricsNamespace + ".duration", SpanMetricsHistogramUnit,
            SpanMetricsExponentialHistogram ? MetricType.ExponentialHistogram : MetricType.Histogram, IsMonotonic: false),
    ];

    private static YamlMappingNode Map(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children.TryGetValue(key, out var child)
                ? child
                : throw new InvalidDataException($"{RelativePath}: no {string.Join('.', path)}");
        }
        return (YamlMappingNode)node;
    }

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(key, out var child))
            {
                return null;
            }
            current = child;
        }
        return (current as YamlScalarNode)?.Value;
    }
}
