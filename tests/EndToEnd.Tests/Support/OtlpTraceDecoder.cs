using Google.Protobuf;

namespace EndToEnd.Tests.Support;

/// <summary>A span as exported by a service: enough of OTLP's Span to follow a trace and read its tags.</summary>
public sealed record ReceivedSpan(
    string ServiceName, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, int StatusCode,
    IReadOnlyDictionary<string, string> Attributes)
{
    public const int KindServer = 2;
    public const int KindClient = 3;
    public const int KindProducer = 4;
    public const int KindConsumer = 5;
    public const int StatusError = 2;

    /// <summary>When the span started and ended (UTC, from the span's own clock).</summary>
    public DateTime Start { get; init; }

    public DateTime End { get; init; }

    public TimeSpan Duration => End - Start;

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() => $"{ServiceName}: {Name} (kind {Kind}, status {StatusCode})";
}

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) with the
/// protobuf wire reader, field numbers from the OTLP specification; scalar attribute values become strings.
/// Its wire helpers are shared with <see cref="OtlpMetricDecoder"/>.
/// </summary>
public static class OtlpTraceDecoder
{
    public static IEnumerable<ReceivedSpan> Decode(byte[] exportTraceServiceRequest)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Repeated(exportTraceServiceRequest, 1))
        {
            var serviceName = "";
            var scopeSpans = new List<byte[]>();
            ForEachField(resourceSpans, (field, input) =>
            {
                if (field == 1)
                {
                    var resource = Attributes(Repeated(input.ReadBytes().ToByteArray(), 1));
                    serviceName = resource.GetValueOrDefault("service.name", "");
                }
                else if (field == 2)
                {
                    scopeSpans.Add(input.ReadBytes().ToByteArray());
                }
                else
                {
                    input.SkipLastField();
                }
            });
            foreach (var scope in scopeSpans)
            {
                spans.AddRange(Repeated(scope, 2).Select(span => DecodeSpan(serviceName, span)));
            }
        }

        return spans;
    }

    private static ReceivedSpan DecodeSpan(string serviceName, byte[] span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        var attributes = new List<byte[]>();
        ForEachField(span, (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 4: parentSpanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 7: start = input.ReadFixed64(); break;
                case 8: end = input.ReadFixed64(); break;
                case 9: attributes.Add(input.ReadBytes().ToByteArray()); break;
                case 15:
                    ForEachField(input.ReadBytes().ToByteArray(), (statusField, statusInput) =>
                    {
                        if (statusField == 3) { status = statusInput.ReadEnum(); } else { statusInput.SkipLastField(); }
                    });
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new ReceivedSpan(serviceName, traceId, spanId, parentSpanId, name, kind, status, Attributes(attributes))
        {
            Start = FromUnixNanoseconds(start),
            End = FromUnixNanoseconds(end),
        };
    }

    internal static DateTime FromUnixNanoseconds(ulong nanoseconds) =>
        DateTime.UnixEpoch.AddTicks((long)(nanoseconds / 100));

    internal static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in keyValues)
        {
            string key = "", value = "";
            ForEachField(keyValue, (field, input) =>
            {
                if (field == 1) { key = input.ReadString(); }
                else if (field == 2) { value = AnyValue(input.ReadBytes().ToByteArray()); }
                else { input.SkipLastField(); }
            });
            attributes[key] = value;
        }

        return attributes;
    }

    private static string AnyValue(byte[] anyValue)
    {
        var value = "";
        ForEachField(anyValue, (field, input) =>
        {
            value = field switch
            {
                1 => input.ReadString(),
                2 => input.ReadBool() ? "true" : "false",
                3 => input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => input.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Skip(input),
            };
        });
        return value;
    }

    private static string Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return "";
    }

    internal static List<byte[]> Repeated(byte[] message, int fieldNumber)
    {
        var values = new List<byte[]>();
        ForEachField(message, (field, input) =>
        {
            if (field == fieldNumber) { values.Add(input.ReadBytes().ToByteArray()); } else { input.SkipLastField(); }
        });
        return values;
    }

    internal static void ForEachField(byte[] message, Action<int, CodedInputStream> read)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            read(WireFormat.GetTagFieldNumber(tag), input);
        }
    }
}
