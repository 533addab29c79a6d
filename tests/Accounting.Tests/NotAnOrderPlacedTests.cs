using System.Diagnostics.Metrics;
using Platform.Accounting.Tests.Infrastructure;
using Platform.Contracts;

namespace Platform.Accounting.Tests;

/// <summary>
/// Messages on <c>orders</c> that are not an <c>OrderPlaced</c> Accounting can store: each is skipped (its
/// offset committed, never retried), counted in <c>app.messaging.poison_messages</c>, and the good event
/// after it on the same partition is stored.
/// </summary>
public sealed class NotAnOrderPlacedTests(AccountingApp app) : IClassFixture<AccountingApp>
{
    public static TheoryData<string, byte[]> NotOrders => new()
    {
        { "another event", """{"eventType":"OrderShipped","trackingId":"T-1"}"""u8.ToArray() },
        { "an array", "[]"u8.ToArray() },
        { "null", "null"u8.ToArray() },
        { "a number", "42"u8.ToArray() },
        { "an empty value", [] },
        { "invalid UTF-8", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d] },
        { "an order without items", """{"orderId":"o-1","userId":"u","email":"a@b.c","items":[],"shipping":{"address":{"street":"s","city":"c","state":"st","country":"US","zip":"1"},"trackingId":"t","cost":1},"total":1,"currency":"USD","placedAt":"2026-12-01T00:00:00Z"}"""u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(NotOrders))]
    public async Task A_message_that_is_not_an_OrderPlaced_is_skipped_counted_and_the_next_order_stored(string _, byte[] value)
    {
        using var poisonCount = new PoisonCount();
        var order = Orders.New();

        // Same key as the good event, so both land on one partition, the bad one first.
        var poison = await app.Producer.PublishAsync(Topics.Orders, order.OrderId, value);
        await app.PublishAsync(order);
        var stored = await app.WaitForOrderAsync(order.OrderId);

        Assert.Equal(order.OrderId, stored.OrderId);
        // The offsets are committed after the batch is stored, so a moment after the row shows.
        await app.WaitForCommitAsync(poison);
        // Another test class may count a poison message of its own meanwhile, hence at least one.
        Assert.True(poisonCount.Value >= 1, "the skipped message was not counted");
    }

    /// <summary>Sums <c>app.messaging.poison_messages</c> of group <c>accounting</c> on <c>orders</c> while it lives.</summary>
    private sealed class PoisonCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _value;

        public PoisonCount()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Platform.Messaging" && instrument.Name == "app.messaging.poison_messages")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var mine = 0;
                foreach (var tag in tags)
                {
                    mine += (tag.Key, tag.Value) is ("messaging.destination.name", Topics.Orders) or ("messaging.consumer.group.name", "accounting") ? 1 : 0;
                }
                if (mine == 2)
                {
                    Interlocked.Add(ref _value, value);
                }
            });
            _listener.Start();
        }

        public long Value => Interlocked.Read(ref _value);

        public void Dispose() => _listener.Dispose();
    }
}
