using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Messaging;

/// <summary>
/// The spans and instruments of Kafka messaging: ActivitySource and Meter <c>Platform.Messaging</c>
/// (ServiceDefaults subscribes to <c>Platform.*</c>).
/// </summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the ActivitySource and the Meter.</summary>
    public const string Name = "Platform.Messaging";

    /// <summary>Spans <c>{topic} publish</c> (Producer) and <c>{topic} process</c> (Consumer).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Messages a consumer skipped because its handler rejected them as unparseable.</summary>
    internal static readonly Counter<long> PoisonMessages = Meter.CreateCounter<long>(
        "app.messaging.poison_messages", "{message}", "Messages skipped (offset committed) because they could not be parsed.");

    private static readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> Lags = new();

    static MessagingTelemetry()
    {
        Meter.CreateObservableGauge("app.kafka.consumer.lag", ObserveLag, "{message}",
            "Messages in a partition not yet consumed by the group: high watermark minus the consumer's position.");
    }

    internal static void RecordLag(string group, string topic, int partition, long lag) =>
        Lags[(group, topic, partition)] = Math.Max(0, lag);

    internal static void ForgetLag(string group, string topic, int partition) =>
        Lags.TryRemove((group, topic, partition), out _);

    /// <summary>The last lag seen per group, topic and partition (what the gauge reports).</summary>
    public static long? CurrentLag(string group, string topic, int partition) =>
        Lags.TryGetValue((group, topic, partition), out var lag) ? lag : null;

    private static IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var ((group, topic, partition), lag) in Lags)
        {
            yield return new Measurement<long>(lag,
                new KeyValuePair<string, object?>("messaging.system", "kafka"),
                new KeyValuePair<string, object?>("messaging.consumer.group.name", group),
                new KeyValuePair<string, object?>("messaging.destination.name", topic),
                new KeyValuePair<string, object?>("messaging.destination.partition.id", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
