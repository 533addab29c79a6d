namespace Platform.Messaging;

/// <summary>
/// The messages a <see cref="KafkaConsumerLoop"/> hands to its handler at once, in partition order. The
/// handler stores what it can as one unit and calls <see cref="Reject"/> for the messages it can never
/// process (unparseable): those are logged, counted in <c>app.messaging.poison_messages</c> and committed
/// with the rest. Returning normally commits every message of the batch; throwing retries the whole batch.
/// </summary>
public sealed class KafkaBatch(IReadOnlyList<KafkaMessage> messages)
{
    private readonly List<(KafkaMessage Message, PoisonMessageException Reason)> _rejected = [];

    /// <summary>The messages, in the order they were consumed.</summary>
    public IReadOnlyList<KafkaMessage> Messages { get; } = messages;

    /// <summary>The messages rejected so far, with why.</summary>
    public IReadOnlyList<(KafkaMessage Message, PoisonMessageException Reason)> Rejected => _rejected;

    /// <summary>Marks <paramref name="message"/> as never processable: it is skipped (committed) and counted.</summary>
    public void Reject(KafkaMessage message, PoisonMessageException reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);
        _rejected.Add((message, reason));
    }

    internal void ClearRejected() => _rejected.Clear();
}
