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
/// One value of a gauge or a sum as exported (a <c>NumberDataPoint</c>): the metric's service and name, the
/// point's time and attributes, its value as a double.
/// </summary>
public sealed record ReceivedMetricPoint(string ServiceName, string Name, DateTime Time, double Value, IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{ServiceName}: {Name} = {Value} at {Time:HH:mm:ss.fff}";
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

    /// <summary>The number data points of the gauges and sums whose name <paramref name="keep"/> accepts (histograms are not read).</summary>
    public static IEnumerable<ReceivedMetricPoint> DecodePoints(byte[] exportMetricsServiceRequest, Func<string, bool> keep)
    {
        var points = new List<ReceivedMetricPoint>();
        foreach (var resourceMetrics in OtlpTraceDecoder.Repeated(exportMetricsServiceRequest, 1))
        {
            var resource = OtlpTraceDecoder.Repeated(resourceMetrics, 1).SingleOrDefault() ?? [];
            var serviceName = OtlpTraceDecoder.Attributes(OtlpTraceDecoder.Repeated(resource, 1)).GetValueOrDefault("service.name", "");
            foreach (var metric in OtlpTraceDecoder.Repeated(resourceMetrics, 2).SelectMany(scope => OtlpTraceDecoder.Repeated(scope, 2)))
            {
                var name = ReadString(metric, 1);
                if (!keep(name))
                {
                    continue;
                }
                // Gauge = 5 and Sum = 7 both hold their NumberDataPoints in field 1.
                var data = OtlpTraceDecoder.Repeated(metric, 5).Concat(OtlpTraceDecoder.Repeated(metric, 7));
                points.AddRange(data.SelectMany(d => OtlpTraceDecoder.Repeated(d, 1)).Select(point => DecodePoint(serviceName, name, point)));
            }
        }

        return points;
    }

    // NumberDataPoint: attributes = 7, time_unix_nano = 3 (fixed64), as_double = 4 (double), as_int = 6 (sfixed64).
    private static ReceivedMetricPoint DecodePoint(string serviceName, string name, byte[] point)
    {
        ulong time = 0;
        double value = 0;
        var attributes = new List<byte[]>();
        OtlpTraceDecoder.ForEachField(point, (field, input) =>
        {
            switch (field)
            {
                case 3: time = input.ReadFixed64(); break;
                case 4: value = input.ReadDouble(); break;
                case 6: value = input.ReadSFixed64(); break;
                case 7: attributes.Add(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        });
        return new ReceivedMetricPoint(serviceName, name, OtlpTraceDecoder.FromUnixNanoseconds(time), value, OtlpTraceDecoder.Attributes(attributes));
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
