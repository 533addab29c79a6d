using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>W3C trace context (<c>traceparent</c>, <c>tracestate</c>) and baggage (<c>baggage</c>) in Kafka message headers.</summary>
public static class TraceContextHeaders
{
    /// <summary>Writes the context of <paramref name="activity"/> into <paramref name="headers"/> with <see cref="DistributedContextPropagator.Current"/>.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (activity is null)
        {
            return;
        }
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            if (carrier is Headers h && value is not null)
            {
                h.Remove(name);
                h.Add(name, Encoding.UTF8.GetBytes(value));
            }
        });
    }

    /// <summary>
    /// The W3C baggage entries of the <c>baggage</c> header (<see cref="Inject"/> writes the activity's baggage
    /// there with the propagator), in header order; empty when there is none.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> ExtractBaggage(Headers? headers)
    {
        if (headers is null)
        {
            return [];
        }
        var baggage = DistributedContextPropagator.Current.ExtractBaggage(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        });
        return baggage is null ? [] : [.. baggage];
    }

    /// <summary>Reads the remote parent context from <paramref name="headers"/>; <c>default</c> when there is none or it is malformed.</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        if (headers is null)
        {
            return default;
        }
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
