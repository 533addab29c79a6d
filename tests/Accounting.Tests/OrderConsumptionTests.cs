using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Platform.Accounting.Tests.Infrastructure;
using Platform.Contracts;

namespace Platform.Accounting.Tests;

public sealed class OrderConsumptionTests(AccountingApp app) : IClassFixture<AccountingApp>
{
    [Fact]
    public async Task Event_is_stored_with_its_items_and_shipping()
    {
        var order = Orders.New(items: 3);

        await app.PublishAsync(order);
        var stored = await app.WaitForOrderAsync(order.OrderId);

        Assert.Equal(order.UserId, stored.UserId);
        Assert.Equal(order.Email, stored.Email);
        Assert.Equal(order.Total, stored.Total);
        Assert.Equal(order.PlacedAt, stored.PlacedAt);
        Assert.Equal(order.Items, stored.Items);
        Assert.Equal(order.Shipping, stored.Shipping);
        Assert.Equal(3, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", order.OrderId));
    }

    [Fact]
    public async Task Duplicate_events_store_the_order_once()
    {
        var order = Orders.New(items: 2);

        await app.PublishAsync(order);
        await app.PublishAsync(order);
        var last = await app.PublishAsync(order);
        await app.WaitForCommitAsync(last);

        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM order_items WHERE order_id = $1", order.OrderId));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM shipments WHERE order_id = $1", order.OrderId));
    }

    [Fact]
    public async Task A_burst_of_orders_is_stored_in_batches_each_once()
    {
        var orders = Enumerable.Range(0, 300).Select(_ => Orders.New(items: 1)).ToList();
        var batchSizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var listener = Listen<int>("app.accounting.batch.size", batchSizes.Add);

        var deliveries = await Task.WhenAll(orders.Select(app.PublishAsync));
        foreach (var last in deliveries.GroupBy(d => d.Partition).Select(g => g.MaxBy(d => d.Offset)!))
        {
            await app.WaitForCommitAsync(last);
        }

        foreach (var order in orders)
        {
            Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
        }
        // Not one statement per message: at least one batch carried several orders.
        Assert.Contains(batchSizes, size => size > 1);
    }

    [Fact]
    public async Task Unparseable_message_is_skipped_counted_and_the_next_one_stored()
    {
        var order = Orders.New();
        var poisonCount = 0L;
        using var listener = Listen<long>("app.messaging.poison_messages", n => Interlocked.Add(ref poisonCount, n));
        // Same key as the good event, so both land on one partition in this order.
        var poison = await app.Producer.PublishAsync(Topics.Orders, order.OrderId, "{ this is not json"u8.ToArray());

        await app.PublishAsync(order);
        var stored = await app.WaitForOrderAsync(order.OrderId);

        Assert.Equal(order.OrderId, stored.OrderId);
        await app.WaitForCommitAsync(poison); // committed after the batch is stored, a moment after the row shows
        Assert.True(Interlocked.Read(ref poisonCount) >= 1, "the skipped message was not counted");
    }

    [Fact]
    public async Task Offset_is_not_committed_while_the_database_write_fails_and_the_event_is_stored_once_it_works()
    {
        var order = Orders.New();
        await app.ExecuteAsync("ALTER TABLE shipments RENAME TO shipments_unavailable");
        KafkaDeliveryResultHolder delivery;
        try
        {
            delivery = new(await app.PublishAsync(order));
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
            Assert.True((app.CommittedOffset(delivery.Value.Partition) ?? -1) <= delivery.Value.Offset);
            // Health says the ledger is not being written while the batch is retried.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            await app.ExecuteAsync("ALTER TABLE shipments_unavailable RENAME TO shipments");
        }

        await app.WaitForCommitAsync(delivery.Value);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM orders WHERE order_id = $1", order.OrderId));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM shipments WHERE order_id = $1", order.OrderId));
    }

    [Fact]
    public async Task KafkaQueueProblems_slows_each_message_down()
    {
        var orders = Enumerable.Range(0, 4).Select(_ => Orders.New(items: 1)).ToList();
        app.Flags.Set(FlagKeys.KafkaQueueProblems, 100);
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var order in orders)
            {
                await app.PublishAsync(order);
            }
            foreach (var order in orders)
            {
                await app.WaitForOrderAsync(order.OrderId);
            }
        }
        finally
        {
            app.Flags.Remove(FlagKeys.KafkaQueueProblems);
        }

        // 4 messages × 300 ms (Accounting:SlowConsumerDelay in the fixture).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1200), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Processing_span_continues_the_publisher_trace_and_names_the_order()
    {
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Platform.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var order = Orders.New();

        await app.PublishAsync(order);
        await app.WaitForOrderAsync(order.OrderId);
        var deadline = DateTime.UtcNow + AccountingApp.Wait;
        while (!stopped.Any(a => a.Kind == ActivityKind.Consumer && (string?)a.GetTagItem("app.order.id") == order.OrderId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var publish = Assert.Single(stopped, a => a.Kind == ActivityKind.Producer && (string?)a.GetTagItem("messaging.kafka.message.key") == order.OrderId);
        var process = Assert.Single(stopped, a => a.Kind == ActivityKind.Consumer && (string?)a.GetTagItem("app.order.id") == order.OrderId);
        Assert.Equal("orders process", process.DisplayName);
        Assert.Equal(publish.TraceId, process.TraceId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("accounting", process.GetTagItem("messaging.consumer.group.name"));
    }

    [Fact]
    public async Task Unknown_order_is_a_404_problem()
    {
        var response = await app.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Calls <paramref name="onMeasurement"/> for every measurement of the named instrument, from any meter.</summary>
    private static MeterListener Listen<T>(string instrument, Action<T> onMeasurement) where T : struct
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<T>((_, value, _, _) => onMeasurement(value));
        listener.Start();
        return listener;
    }

    private sealed record KafkaDeliveryResultHolder(Platform.Messaging.KafkaDeliveryResult Value);
}
