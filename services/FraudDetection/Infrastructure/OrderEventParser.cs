using System.Text.Json;
using Platform.Contracts;
using Platform.FraudDetection.Model;
using Platform.Messaging;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>Turns an <c>orders</c> message into an <see cref="OrderPlaced"/>, or says why it never can be.</summary>
public static class OrderEventParser
{
    /// <summary>The event; <see cref="PoisonMessageException"/> when it is not JSON of an <c>OrderPlaced</c> the rules can assess.</summary>
    public static OrderPlaced Parse(KafkaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        OrderPlaced order;
        try
        {
            order = IntegrationEvents.DeserializeOrderPlaced(message.Value);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"Not an OrderPlaced event: {ex.Message}", ex);
        }
        return FraudRules.Problem(order) is { } problem
            ? throw new PoisonMessageException($"OrderPlaced {order.OrderId} cannot be assessed: {problem}")
            : order;
    }
}
