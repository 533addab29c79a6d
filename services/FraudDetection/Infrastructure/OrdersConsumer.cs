using Platform.Messaging;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>Consumes <c>orders</c> in group <c>fraud-detection</c>, one message at a time through <see cref="OrderScreening"/>, until the host stops.</summary>
public sealed class OrdersConsumer(KafkaConsumerLoop loop, OrderScreening screening) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loop.RunEachAsync(screening.HandleAsync, stoppingToken);
}
