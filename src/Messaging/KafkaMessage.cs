using System.Diagnostics;

namespace Platform.Messaging;

/// <summary>A consumed message handed to a <see cref="KafkaConsumerLoop"/> handler.</summary>
public sealed record KafkaMessage(string Topic, int Partition, long Offset, string? Key, byte[] Value, DateTimeOffset Timestamp)
{
    /// <summary>
    /// The message's <c>{topic} process</c> span (a child of the producer's), for the handler to tag; null
    /// when nobody listens. It ends when the message's batch is committed.
    /// </summary>
    public Activity? Activity { get; init; }
}

/// <summary>
/// Thrown by a message handler when the message can never be processed (not parseable): the loop
/// logs it with its topic, partition and offset, counts it in <c>app.messaging.poison_messages</c>
/// and commits past it. Any other exception is transient: the message is retried, not committed.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PoisonMessageException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public PoisonMessageException() { }

    /// <summary>Creates the exception.</summary>
    public PoisonMessageException(string message) : base(message) { }
}
