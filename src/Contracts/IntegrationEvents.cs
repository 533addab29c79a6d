using System.Text.Json;

namespace Platform.Contracts;

/// <summary>Serializes and parses integration events in their wire format (UTF-8 JSON, camelCase).</summary>
public static class IntegrationEvents
{
    /// <summary>The event as UTF-8 JSON bytes, the Kafka message value.</summary>
    public static byte[] Serialize(OrderPlaced order) =>
        JsonSerializer.SerializeToUtf8Bytes(order, ContractsJsonContext.Default.OrderPlaced);

    /// <summary>
    /// Parses a message value. Throws <see cref="JsonException"/> when the bytes are not a
    /// well-formed <see cref="OrderPlaced"/> (not JSON, or a required field missing).
    /// </summary>
    public static OrderPlaced DeserializeOrderPlaced(ReadOnlySpan<byte> utf8Json)
    {
        var order = JsonSerializer.Deserialize(utf8Json, ContractsJsonContext.Default.OrderPlaced)
            ?? throw new JsonException("The message is JSON null, not an OrderPlaced event.");
        if (string.IsNullOrWhiteSpace(order.OrderId) || string.IsNullOrWhiteSpace(order.UserId) || string.IsNullOrWhiteSpace(order.Currency))
        {
            throw new JsonException("The OrderPlaced event has an empty orderId, userId or currency.");
        }
        return order;
    }
}
