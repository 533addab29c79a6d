using System.Text.Json;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>Turns an <c>orders</c> message into an <see cref="OrderPlaced"/>, or says why it never can be.</summary>
public static class OrderPlacedMessages
{
    /// <summary>
    /// The event; <see cref="PoisonMessageException"/> when it is not JSON of an <c>OrderPlaced</c>, or when
    /// <paramref name="problem"/> (the consumer's own rule, e.g. "what the ledger cannot store") names a reason.
    /// </summary>
    public static OrderPlaced Parse(KafkaMessage message, Func<OrderPlaced, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(problem);
        OrderPlaced order;
        try
        {
            order = IntegrationEvents.DeserializeOrderPlaced(message.Value);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"Not an OrderPlaced event: {ex.Message}", ex);
        }
        return problem(order) is { } reason
            ? throw new PoisonMessageException($"OrderPlaced {order.OrderId} is refused: {reason}")
            : order;
    }
}
