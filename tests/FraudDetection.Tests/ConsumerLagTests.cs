using Platform.Contracts;
using Platform.FraudDetection.Infrastructure;
using Platform.FraudDetection.Tests.Infrastructure;

namespace Platform.FraudDetection.Tests;

/// <summary>
/// <c>app.fraud.consumer.lag</c> (high watermark − committed offset, per partition, from the cluster) rises
/// while <c>kafkaQueueProblems</c> slows the consumer down and falls back to 0 once the flag is off.
/// </summary>
public sealed class ConsumerLagTests(FraudDetectionApp app) : IClassFixture<FraudDetectionApp>
{
    private const string Lag = "app.fraud.consumer.lag";
    private const int OrderCount = 40;

    [Fact]
    public async Task The_lag_rises_while_kafkaQueueProblems_is_on_and_falls_to_0_after_it_goes_off()
    {
        using var metrics = new InstrumentReader(app.MeterFactory, FraudMetrics.MeterName);
        // The consumer has joined its group and handled an order: from here on the lag is the consumer's speed.
        await app.WaitForCommitAsync(await app.PublishAsync(Orders.New()));
        await WaitForLagAsync(metrics, lag => lag == 0, "be 0 once the first order is handled");
        var idle = metrics.Observe(Lag);
        Assert.NotEmpty(idle);
        Assert.All(idle, m => Assert.Equal(0, m.Value));
        Assert.All(idle, m => Assert.Equal(FraudDetectionApp.Group, m.Tags["messaging.consumer.group.name"]));
        Assert.All(idle, m => Assert.True(m.Tags.ContainsKey("messaging.destination.partition.id")));

        // On: 100 ms per order, so 40 orders take at least 4 s; they are published in well under a second.
        app.Flags.Set(FlagKeys.KafkaQueueProblems, 100);
        var deliveries = await Task.WhenAll(Enumerable.Range(0, OrderCount).Select(_ => app.PublishAsync(Orders.New())));
        var peak = await WaitForLagAsync(metrics, lag => lag >= OrderCount / 2, "rise to at least half the orders");
        // Still far behind a second later (at full speed 40 orders take a few milliseconds): the flag holds it back.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var aSecondLater = metrics.Observe(Lag).Sum(m => m.Value);

        // Off: the rest is handled at full speed and the committed offsets catch up with the watermarks.
        app.Flags.Set(FlagKeys.KafkaQueueProblems, 0);
        var drained = await WaitForLagAsync(metrics, lag => lag == 0, "fall back to 0");

        Assert.InRange(peak, OrderCount / 2, OrderCount);
        Assert.InRange(aSecondLater, OrderCount / 4, OrderCount);
        Assert.Equal(0, drained);
        foreach (var delivery in deliveries)
        {
            Assert.True(app.CommittedOffset(delivery.Partition) > delivery.Offset, "an order was not committed");
        }
    }

    /// <summary>Reads the gauge (summed over partitions) until <paramref name="condition"/> holds; answers that value.</summary>
    private static async Task<long> WaitForLagAsync(InstrumentReader metrics, Func<long, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + FraudDetectionApp.Wait;
        var seen = new List<long>();
        while (true)
        {
            var total = metrics.Observe(Lag).Sum(m => m.Value);
            seen.Add(total);
            if (condition(total))
            {
                return total;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The lag did not {what} within {FraudDetectionApp.Wait}; seen {string.Join(",", seen.TakeLast(30))}.");
            }
            await Task.Delay(50);
        }
    }
}
