using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Checkout.Infrastructure;

/// <summary>Publishes <c>OrderPlaced</c> on <c>orders</c> (key = order id) and waits for Kafka's acknowledgement.</summary>
public sealed class OrderPublisher(KafkaProducer producer, ILogger<OrderPublisher> logger)
{
    /// <summary>
    /// Publishes the event and awaits its acknowledgement (throws if Kafka did not acknowledge it), then
    /// publishes <paramref name="extraCopies"/> more copies of the same event with the same key (the
    /// <c>kafkaQueueProblems</c> flag); a failed extra copy is logged only, the order stands.
    /// </summary>
    public async Task<KafkaDeliveryResult> PublishAsync(OrderPlaced order, int extraCopies, CancellationToken cancellationToken)
    {
        var value = IntegrationEvents.Serialize(order);
        var delivery = await producer.PublishAsync(Topics.Orders, order.OrderId, value, cancellationToken);
        if (extraCopies > 0)
        {
            var copies = Enumerable.Range(0, extraCopies).Select(_ => producer.PublishAsync(Topics.Orders, order.OrderId, value, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(copies);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ExtraCopiesFailed(logger, order.OrderId, copies.Count(c => c.IsFaulted), extraCopies, ex);
            }
        }
        return delivery;
    }
}
