namespace EndToEnd.Tests.Support;

/// <summary>The OTLP data types a metric is exported as (the <c>data</c> oneof of OTLP's Metric).</summary>
public enum MetricType
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>
/// One metric as a service exported it: what decides its Prometheus name (name, unit, type and, for
/// a sum, monotonicity) and the resource's <c>service.name</c>. Data points are not kept.
/// </summary>
public sealed record ReceivedMetric(string ServiceName, string Scope, string Name, string Unit, MetricType Type, bool IsMonotonic)
{
    public override string ToString() => $"{ServiceName}: {Name} ({Type}{(Type == MetricType.Sum ? IsMonotonic ? ", monotonic" : ", non-monotonic" : "")}, unit \"{Unit}\", scope {Scope})";
}

/// <summary>
/// Reads an OTLP <c>ExportMetricsServiceRequest</c> (opentelemetry/proto/collector/metrics/v1) with the
/// protobuf wire reader, field numbers from the OTLP specification (metrics/v1/metrics.proto).
/// </summary>
public static class OtlpMetricDecoder
{
    public static IEnumerable<ReceivedMetric> Decode(byte[] exportMetricsServiceRequest)
    {
        var metrics = new List<ReceivedMetric>();
        foreach (var resourceMetrics in OtlpTraceDecoder.Repeated(exportMetricsServiceRequest, 1))
        {
            var resource = OtlpTraceDecoder.Repeated(resourceMetrics, 1).SingleOrDefault() ?? [];
            var serviceName = OtlpTraceDecoder.Attributes(OtlpTraceDecoder.Repeated(resource, 1)).GetValueOrDefault("service.name", "");
            foreach (var scopeMetrics in OtlpTraceDecoder.Repeated(resourceMetrics, 2))
            {
                var scope = OtlpTraceDecoder.Repeated(scopeMetrics, 1).SingleOrDefault();
                var scopeName = scope is null ? "" : ReadString(scope, 1);
                metrics.AddRange(OtlpTraceDecoder.Repeated(scopeMetrics, 2).Select(metric => DecodeMetric(serviceName, scopeName, metric)));
            }
        }

        return metrics;
    }

    private static ReceivedMetric DecodeMetric(string serviceName, string scope, byte[] metric)
    {
        string name = "", unit = "";
        MetricType? type = null;
        var monotonic = false;
        OtlpTraceDecoder.ForEachField(metric, (field, input) =>
        {
            switch (field)
            {
                case 1: name = input.ReadString(); break;
                case 3: unit = input.ReadString(); break;
                case 5: type = MetricType.Gauge; input.SkipLastField(); break;
                case 7:
                    type = MetricType.Sum;
                    // Sum: data_points = 1, aggregation_temporality = 2, is_monotonic = 3.
                    OtlpTraceDecoder.ForEachField(input.ReadBytes().ToByteArray(), (sumField, sumInput) =>
                    {
                        if (sumField == 3) { monotonic = sumInput.ReadBool(); } else { sumInput.SkipLastField(); }
                    });
                    break;
                case 9: type = MetricType.Histogram; input.SkipLastField(); break;
                case 10: type = MetricType.ExponentialHistogram; input.SkipLastField(); break;
                case 11: type = MetricType.Summary; input.SkipLastField(); break;
                default: input.SkipLastField(); break;
            }
        });
        return new ReceivedMetric(serviceName, scope, name, unit,
            type ?? throw new InvalidDataException($"metric {name} of {serviceName} has no data (gauge, sum, histogram, ...)"), monotonic);
    }

    private static string ReadString(byte[] message, int fieldNumber)
    {
        var value = "";
        OtlpTraceDecoder.ForEachField(message, (field, input) =>
        {
            if (field == fieldNumber) { value = input.ReadString(); } else { input.SkipLastField(); }
        });
        return value;
    }
}
