using System.Collections.Concurrent;
using System.Text;

namespace Platform.Bench.OtlpSink;

/// <summary>The three OTLP signals.</summary>
public enum Signal
{
    Traces,
    Metrics,
    Logs,
}

/// <summary>
/// What the sink received, per signal and per <c>service.name</c>: spans, metric data points and log
/// records, counted by walking the export request (field numbers of opentelemetry/proto, v1).
/// </summary>
public sealed class OtlpCounts
{
    private const int ResourceField = 1, ScopeField = 2, ScopeItemsField = 2;
    private const string UnknownService = "(no service.name)";
    private readonly ConcurrentDictionary<(Signal Signal, string Service), long> _items = new();
    private long _requests;
    private long _bytes;

    /// <summary>Export requests received (every signal).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Bytes of the export requests (after decompression).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Counts the items of one export request (<c>Export{Trace,Metrics,Logs}ServiceRequest</c>).</summary>
    public void Add(Signal signal, ReadOnlySpan<byte> request)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytes, request.Length);
        // Request: repeated Resource{Spans,Metrics,Logs} = 1 → resource = 1, repeated Scope* = 2 → repeated items = 2.
        OtlpWire.ForEachMessageField(request, (field, resourceItems) =>
        {
            if (field != 1)
            {
                return;
            }

            var service = UnknownService;
            long count = 0;
            OtlpWire.ForEachMessageField(resourceItems, (f, value) =>
            {
                if (f == ResourceField)
                {
                    service = ServiceName(value) ?? UnknownService;
                }
                else if (f == ScopeField)
                {
                    count += CountScopeItems(signal, value);
                }
            });
            _items.AddOrUpdate((signal, service), count, (_, old) => old + count);
        });
    }

    /// <summary>Total items of a signal over every service.</summary>
    public long Total(Signal signal) => _items.Where(i => i.Key.Signal == signal).Sum(i => i.Value);

    /// <summary>Items per signal and service, for the report.</summary>
    public IReadOnlyList<(Signal Signal, string Service, long Count)> Snapshot() =>
        [.. _items.Select(i => (i.Key.Signal, i.Key.Service, i.Value)).OrderBy(i => i.Signal).ThenBy(i => i.Service, StringComparer.Ordinal)];

    private static long CountScopeItems(Signal signal, ReadOnlySpan<byte> scope)
    {
        long count = 0;
        OtlpWire.ForEachMessageField(scope, (field, item) =>
        {
            if (field != ScopeItemsField)
            {
                return;
            }

            // A span or a log record is one item; a metric holds its data points in gauge (5), sum (7),
            // histogram (9), exponential_histogram (10) or summary (11), each a repeated data_points = 1.
            count += signal == Signal.Metrics ? CountDataPoints(item) : 1;
        });
        return count;
    }

    private static long CountDataPoints(ReadOnlySpan<byte> metric)
    {
        long points = 0;
        OtlpWire.ForEachMessageField(metric, (field, data) =>
        {
            if (field is 5 or 7 or 9 or 10 or 11)
            {
                OtlpWire.ForEachMessageField(data, (f, _) => points += f == 1 ? 1 : 0);
            }
        });
        return points;
    }

    // Resource: repeated KeyValue attributes = 1; KeyValue: key = 1, AnyValue value = 2; AnyValue: string_value = 1.
    private static string? ServiceName(ReadOnlySpan<byte> resource)
    {
        string? name = null;
        OtlpWire.ForEachMessageField(resource, (field, attribute) =>
        {
            if (field != 1)
            {
                return;
            }

            var isServiceName = false;
            string? value = null;
            OtlpWire.ForEachMessageField(attribute, (f, bytes) =>
            {
                if (f == 1)
                {
                    isServiceName = bytes.SequenceEqual("service.name"u8);
                }
                else if (f == 2)
                {
                    OtlpWire.ForEachMessageField(bytes, (g, s) => value = g == 1 ? Encoding.UTF8.GetString(s) : value);
                }
            });
            if (isServiceName)
            {
                name = value;
            }
        });
        return name;
    }
}
