using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Platform.Contracts;

namespace AccountingRecovery;

/// <summary>
/// Publishes <c>OrderPlaced</c> events to <c>orders</c> the way Checkout does (idempotent producer,
/// acks=all, key = order id) at a steady rate, and keeps each order's confirmation time: the moment Kafka
/// acknowledged it, which is when Checkout answers the shopper 200.
/// </summary>
internal sealed class OrderPublisher(string bootstrapServers) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 1,
        MessageTimeoutMs = 10_000,
    }).Build();

    /// <summary>Order id → confirmation time (<see cref="Stopwatch.GetTimestamp"/>) of every acknowledged order.</summary>
    public ConcurrentDictionary<string, long> Confirmed { get; } = new();

    /// <summary>Acknowledged orders not yet seen in the ledger (the <see cref="LedgerWatcher"/> removes them).</summary>
    public ConcurrentDictionary<string, long> Pending { get; } = new();

    /// <summary>Order id → total of every acknowledged order.</summary>
    public ConcurrentDictionary<string, decimal> Totals { get; } = new();

    public int Failed;

    /// <summary>Publishes <paramref name="rate"/> orders per second until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(int rate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            while (await tick.WaitForNextTickAsync(cancellationToken))
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate);
                for (; sent < due; sent++)
                {
                    Publish();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
        _producer.Flush(TimeSpan.FromSeconds(10));
    }

    private void Publish()
    {
        var order = NewOrder();
        _producer.Produce(Topics.Orders, new Message<string, byte[]> { Key = order.OrderId, Value = IntegrationEvents.Serialize(order) }, report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref Failed);
                return;
            }
            var now = Stopwatch.GetTimestamp();
            Confirmed[order.OrderId] = now;
            Pending[order.OrderId] = now;
            Totals[order.OrderId] = order.Total;
        });
    }

    private static OrderPlaced NewOrder()
    {
        var quantity = 1 + Random.Shared.Next(3);
        return new OrderPlaced(Guid.NewGuid().ToString(), "bench-ledger", "bench@example.com",
            [new OrderItem("66VCHSJNUP", quantity, 101.96m)],
            new ShippingInfo(new ShippingAddress("1 Observatory Road", "Flagstaff", "AZ", "US", "86001"), "TRK-" + Guid.NewGuid().ToString("N")[..10], 8.99m),
            quantity * 101.96m + 8.99m, "USD", DateTimeOffset.UtcNow);
    }

    public void Dispose() => _producer.Dispose();
}
