using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Contracts;
using Platform.FraudDetection.Infrastructure;
using Platform.FraudDetection.Tests.Infrastructure;

namespace Platform.FraudDetection.Tests;

/// <summary>
/// Orders published on <c>orders</c> are consumed in group <c>fraud-detection</c>, counted as checked, and
/// the suspicious ones counted as flagged, with the verdict on their <c>orders process</c> span; a message
/// that is not an order is skipped, counted and committed, never retried.
/// </summary>
public sealed class OrderScreeningTests(FraudDetectionApp app) : IClassFixture<FraudDetectionApp>
{
    [Fact]
    public async Task Every_order_is_checked_and_only_the_suspicious_one_flagged()
    {
        using var metrics = new InstrumentReader(app.MeterFactory, FraudMetrics.MeterName);
        var ordinary = Orders.New();
        var suspicious = Orders.New(total: 4200m);
        using var spans = new ProcessSpans(ordinary.OrderId, suspicious.OrderId);

        var first = await app.PublishAsync(ordinary);
        var second = await app.PublishAsync(suspicious);
        await app.WaitForCommitAsync(first);
        await app.WaitForCommitAsync(second);

        Assert.Equal(2, metrics.Sum("app.fraud.orders.checked"));
        Assert.Equal(1, metrics.Sum("app.fraud.orders.flagged"));
        var flagged = spans.For(suspicious.OrderId);
        Assert.Equal("orders process", flagged.DisplayName);
        Assert.Equal(ActivityKind.Consumer, flagged.Kind);
        Assert.Equal("fraud-detection", flagged.GetTagItem("messaging.consumer.group.name"));
        Assert.Equal(true, flagged.GetTagItem("app.fraud.flagged"));
        Assert.Equal(new[] { "high-total" }, (string[])flagged.GetTagItem("app.fraud.reasons")!);
        Assert.Equal(false, spans.For(ordinary.OrderId).GetTagItem("app.fraud.flagged"));
    }

    [Fact]
    public async Task A_message_that_is_not_an_order_is_skipped_counted_and_the_next_order_checked()
    {
        using var metrics = new InstrumentReader(app.MeterFactory, FraudMetrics.MeterName);
        using var poison = new PoisonCount();
        var order = Orders.New();

        // Same key, so both land on one partition, the bad one first.
        var bad = await app.Producer.PublishAsync(Topics.Orders, order.OrderId, """{"orderId":"x","items":"#"}"""u8.ToArray());
        var good = await app.PublishAsync(order);
        await app.WaitForCommitAsync(good);

        Assert.Equal(bad.Partition, good.Partition);
        Assert.True(app.CommittedOffset(bad.Partition) > bad.Offset, "the bad message's offset is not committed");
        Assert.Equal(1, metrics.Sum("app.fraud.orders.checked"));
        // Poison messages are counted by the shared loop (a static meter): at least ours, in our group.
        Assert.True(poison.Value >= 1, "the skipped message was not counted");
    }

    /// <summary>The <c>orders process</c> spans of the given orders, as they end.</summary>
    private sealed class ProcessSpans : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentDictionary<string, Activity> _spans = new();

        public ProcessSpans(params string[] orderIds)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Platform.Messaging",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("app.order.id") is string id && orderIds.Contains(id))
                    {
                        _spans[id] = activity;
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public Activity For(string orderId) => _spans.TryGetValue(orderId, out var span) ? span
            : throw new Xunit.Sdk.XunitException($"No ended 'orders process' span for order {orderId}.");

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Sums <c>app.messaging.poison_messages</c> of group <c>fraud-detection</c> on <c>orders</c> while it lives.</summary>
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
                    mine += (tag.Key, tag.Value) is ("messaging.destination.name", Topics.Orders) or ("messaging.consumer.group.name", FraudDetectionApp.Group) ? 1 : 0;
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
