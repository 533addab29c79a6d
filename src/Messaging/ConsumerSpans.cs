using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// One <c>{topic} process</c> Consumer span per message, child of the producer's context from the
/// <c>traceparent</c> header, so each order's trace runs from the click to the ledger, carrying the
/// producer's <c>baggage</c> header as its baggage. The spans of a
/// batch are open side by side; while the handler runs, the first one is current (the database calls
/// of the batch land under it) and links to the others.
/// </summary>
internal static class ConsumerSpans
{
    public static Activity? Start(ConsumeResult<string, byte[]> result, string group)
    {
        var previous = Activity.Current;
        var parent = TraceContextHeaders.Extract(result.Message.Headers);
        var activity = MessagingTelemetry.ActivitySource.CreateActivity($"{result.Topic} process", ActivityKind.Consumer, parent);
        if (activity is null)
        {
            return null;
        }
        // The producer's W3C baggage (session.id, synthetic_request) before the span starts, so span processors
        // see it at start and the handler's spans inherit it, as they would behind an HTTP request.
        foreach (var (key, value) in TraceContextHeaders.ExtractBaggage(result.Message.Headers))
        {
            activity.AddBaggage(key, value);
        }
        activity.Start();
        // Side by side, not nested: the next message's span must not become this one's child.
        Activity.Current = previous;
        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.destination.name", result.Topic);
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.operation.name", "process");
        activity.SetTag("messaging.consumer.group.name", group);
        activity.SetTag("messaging.kafka.destination.partition", result.Partition.Value);
        activity.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.message.offset", result.Offset.Value);
        if (result.Message.Key is not null)
        {
            activity.SetTag("messaging.kafka.message.key", result.Message.Key);
        }
        return activity;
    }

    /// <summary>Makes the batch's first span current and links it to the others; returns what to restore.</summary>
    public static Activity? EnterBatch(IReadOnlyList<KafkaMessage> messages)
    {
        var previous = Activity.Current;
        var lead = messages.Select(m => m.Activity).FirstOrDefault(a => a is not null);
        if (lead is null)
        {
            return previous;
        }
        lead.SetTag("messaging.batch.message_count", messages.Count);
        foreach (var other in messages.Skip(1))
        {
            if (other.Activity is { } span)
            {
                lead.AddLink(new ActivityLink(span.Context));
            }
        }
        Activity.Current = lead;
        return previous;
    }

    public static void Fail(IEnumerable<KafkaMessage> messages, Exception error)
    {
        foreach (var activity in messages.Select(m => m.Activity).OfType<Activity>())
        {
            activity.AddException(error);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag("error.type", error.GetType().FullName);
        }
    }

    public static void Poison(Activity? activity, PoisonMessageException reason)
    {
        activity?.AddException(reason);
        activity?.SetStatus(ActivityStatusCode.Error, reason.Message);
        activity?.SetTag("error.type", "poison_message");
    }

    public static void Stop(IEnumerable<KafkaMessage> messages)
    {
        foreach (var activity in messages.Select(m => m.Activity).OfType<Activity>())
        {
            activity.Stop();
        }
    }
}
