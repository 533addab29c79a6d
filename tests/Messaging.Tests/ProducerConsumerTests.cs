using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Platform.Messaging.Tests;

public sealed class ProducerConsumerTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Publish_returns_the_offset_the_broker_stored_the_message_at()
    {
        var topic = await kafka.CreateTopicAsync("offsets");
        using var producer = Clients.Producer(kafka.BootstrapServers);

        var first = await producer.PublishAsync(topic, "k1", "a"u8.ToArray());
        var second = await producer.PublishAsync(topic, "k1", "b"u8.ToArray());

        Assert.Equal(topic, first.Topic);
        Assert.Equal(first.Partition, second.Partition);
        Assert.Equal(0, first.Offset);
        Assert.Equal(1, second.Offset);
    }

    [Fact]
    public async Task Published_message_carries_the_publish_span_as_traceparent_header()
    {
        var topic = await kafka.CreateTopicAsync("headers");
        using var spans = new ActivityCollector();
        using var producer = Clients.Producer(kafka.BootstrapServers);

        await producer.PublishAsync(topic, "order-1", "{}"u8.ToArray());

        var publish = Assert.Single(spans.Stopped(topic));
        var message = ReadOne(topic);
        Assert.True(message.Message.Headers.TryGetLastBytes("traceparent", out var traceparent));
        Assert.Equal(publish.Id, Encoding.UTF8.GetString(traceparent));
        Assert.Equal($"{topic} publish", publish.DisplayName);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal("kafka", publish.GetTagItem("messaging.system"));
        Assert.Equal("order-1", publish.GetTagItem("messaging.kafka.message.key"));
        Assert.Equal(0L, publish.GetTagItem("messaging.kafka.message.offset"));
        Assert.Equal(message.Partition.Value, publish.GetTagItem("messaging.kafka.destination.partition"));
    }

    [Fact]
    public async Task Consumer_span_is_a_child_of_the_publish_span()
    {
        var topic = await kafka.CreateTopicAsync("parent");
        using var spans = new ActivityCollector();
        using var producer = Clients.Producer(kafka.BootstrapServers);
        await producer.PublishAsync(topic, "order-2", "{}"u8.ToArray());
        var handled = new TaskCompletionSource<KafkaMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-parent").RunEachAsync((m, _) => { handled.TrySetResult(m); return Task.CompletedTask; }, stop.Token);
        var message = await handled.Task.WaitAsync(Wait);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        var publish = spans.Stopped(topic).Single(a => a.Kind == ActivityKind.Producer);
        var process = spans.Stopped(topic).Single(a => a.Kind == ActivityKind.Consumer);
        Assert.Equal("order-2", message.Key);
        Assert.Equal($"{topic} process", process.DisplayName);
        Assert.Equal(publish.TraceId, process.TraceId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("g-parent", process.GetTagItem("messaging.consumer.group.name"));
        Assert.Equal(0L, process.GetTagItem("messaging.kafka.message.offset"));
    }

    [Fact]
    public async Task Baggage_of_the_publisher_travels_in_the_baggage_header_to_the_consumer_span()
    {
        var topic = await kafka.CreateTopicAsync("baggage");
        using var spans = new ActivityCollector();
        using var producer = Clients.Producer(kafka.BootstrapServers);
        using (new Activity("incoming request").AddBaggage("session.id", "s-42").AddBaggage("synthetic_request", "true").Start())
        {
            await producer.PublishAsync(topic, "order-3", "{}"u8.ToArray());
        }
        var seenInHandler = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-baggage").RunEachAsync((_, _) =>
        {
            seenInHandler.TrySetResult(Activity.Current?.GetBaggageItem("session.id"));
            return Task.CompletedTask;
        }, stop.Token);
        var inHandler = await seenInHandler.Task.WaitAsync(Wait);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        var message = ReadOne(topic);
        Assert.True(message.Message.Headers.TryGetLastBytes("baggage", out var header));
        // W3C baggage allows spaces around '=' (the runtime's propagator writes "session.id = s-42").
        Assert.Contains("session.id=s-42", Encoding.UTF8.GetString(header).Replace(" ", "", StringComparison.Ordinal));
        var process = spans.Stopped(topic).Single(a => a.Kind == ActivityKind.Consumer);
        Assert.Equal("s-42", process.GetBaggageItem("session.id"));
        Assert.Equal("true", process.GetBaggageItem("synthetic_request"));
        Assert.Equal("s-42", inHandler);
    }

    [Fact]
    public async Task Poison_message_is_skipped_committed_and_the_next_one_handled()
    {
        var topic = await kafka.CreateTopicAsync("poison");
        using var poisonCount = new PoisonMessageCounter(topic);
        using var producer = Clients.Producer(kafka.BootstrapServers);
        var partition = (await producer.PublishAsync(topic, "same-key", "not json"u8.ToArray())).Partition;
        await producer.PublishAsync(topic, "same-key", "{}"u8.ToArray());
        var seen = new ConcurrentQueue<long>();
        var goodHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-poison").RunEachAsync((m, _) =>
        {
            seen.Enqueue(m.Offset);
            if (m.Offset == 0)
            {
                throw new PoisonMessageException("not an event");
            }
            goodHandled.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);
        await goodHandled.Task.WaitAsync(Wait);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        // Offset 0 was handed over once (not retried), counted once, and the good message after it handled.
        Assert.Equal([0L, 1L], seen);
        Assert.Equal(1, poisonCount.Count);
        Assert.Equal(2, CommittedOffset(topic, partition, "g-poison"));
    }

    [Fact]
    public async Task Transient_failure_is_retried_on_the_same_offset_before_moving_on()
    {
        var topic = await kafka.CreateTopicAsync("retry");
        using var producer = Clients.Producer(kafka.BootstrapServers);
        var partition = (await producer.PublishAsync(topic, "same-key", "{}"u8.ToArray())).Partition;
        await producer.PublishAsync(topic, "same-key", "{}"u8.ToArray());
        var seen = new ConcurrentQueue<long>();
        var failures = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-retry").RunEachAsync((m, _) =>
        {
            seen.Enqueue(m.Offset);
            if (m.Offset == 0 && failures++ < 2)
            {
                throw new InvalidOperationException("database down");
            }
            if (m.Offset == 1)
            {
                done.TrySetResult();
            }
            return Task.CompletedTask;
        }, stop.Token);
        await done.Task.WaitAsync(Wait);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        Assert.Equal([0L, 0L, 0L, 1L], seen);
        Assert.Equal(2, CommittedOffset(topic, partition, "g-retry"));
    }

    [Fact]
    public async Task Failing_handler_leaves_the_offset_uncommitted()
    {
        var topic = await kafka.CreateTopicAsync("nocommit");
        using var producer = Clients.Producer(kafka.BootstrapServers);
        var partition = (await producer.PublishAsync(topic, "m0", "{}"u8.ToArray())).Partition;
        var attempted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-nocommit").RunEachAsync((_, _) =>
        {
            attempted.TrySetResult();
            throw new InvalidOperationException("always fails");
        }, stop.Token);
        await attempted.Task.WaitAsync(Wait);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        Assert.Null(CommittedOffset(topic, partition, "g-nocommit"));
    }

    [Fact]
    public async Task Consumer_lag_counts_a_batch_in_flight_until_it_is_handled()
    {
        var topic = await kafka.CreateTopicAsync("lag");
        using var producer = Clients.Producer(kafka.BootstrapServers);
        var partition = 0;
        for (var i = 0; i < 5; i++)
        {
            partition = (await producer.PublishAsync(topic, "same-key", "{}"u8.ToArray())).Partition;
        }
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        using var stop = new CancellationTokenSource();

        var run = Clients.Loop(kafka.BootstrapServers, topic, "g-lag").RunAsync(async (batch, ct) =>
        {
            firstBatch.TrySetResult();
            await release.Task.WaitAsync(ct);
            Interlocked.Add(ref handled, batch.Messages.Count);
        }, stop.Token);
        await firstBatch.Task.WaitAsync(Wait);
        var lagWhileBlocked = MessagingTelemetry.CurrentLag("g-lag", topic, partition);
        release.SetResult();
        var deadline = DateTime.UtcNow + Wait;
        while ((Volatile.Read(ref handled) < 5 || MessagingTelemetry.CurrentLag("g-lag", topic, partition) != 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var lagAfter = MessagingTelemetry.CurrentLag("g-lag", topic, partition);
        await stop.CancelAsync();
        await run.WaitAsync(Wait);

        // Nothing of the first batch is handled while it is held: all 5 messages are lag.
        Assert.Equal(5, lagWhileBlocked);
        Assert.Equal(0, lagAfter);
    }

    [Fact]
    public async Task Publish_to_an_unreachable_cluster_fails_within_the_delivery_timeout()
    {
        using var producer = Clients.Producer("127.0.0.1:1", TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<KafkaException>(() => producer.PublishAsync("orders", "k", "{}"u8.ToArray()));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    private ConsumeResult<string, byte[]> ReadOne(string topic)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var result = consumer.Consume(Wait) ?? throw new TimeoutException("no message");
        consumer.Close();
        return result;
    }

    private long? CommittedOffset(string topic, int partition, string group)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        var committed = consumer.Committed([new TopicPartition(topic, partition)], TimeSpan.FromSeconds(10)).Single();
        return committed.Offset.IsSpecial ? null : committed.Offset.Value;
    }
}
