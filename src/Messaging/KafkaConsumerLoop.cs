using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>
/// Consumes one topic in one consumer group in batches, at least once: auto-commit is off and a batch's
/// offsets are committed only after its handler returned (for a database handler: after its transaction
/// committed). Messages the handler rejects with <see cref="KafkaBatch.Reject"/> are logged, counted and
/// skipped (committed); any exception makes the loop seek back to the batch's first offsets and retry
/// the whole batch with exponential backoff, never committing it. Each message is a Consumer span
/// <c>{topic} process</c> whose parent is the producer's context from the <c>traceparent</c> header.
/// Use it from a hosted service (composition, no base class):
/// <code>
/// protected override Task ExecuteAsync(CancellationToken ct) =&gt; loop.RunAsync(StoreBatchAsync, ct);
/// </code>
/// </summary>
public sealed class KafkaConsumerLoop(KafkaConsumerOptions options, ILogger<KafkaConsumerLoop> logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The options of this loop.</summary>
    public KafkaConsumerOptions Options { get; } = Validate(options);

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, on a dedicated thread (the Kafka client
    /// blocks while polling), handing batches of up to <see cref="KafkaConsumerOptions.MaxBatchSize"/>
    /// messages to <paramref name="handler"/>. The returned task completes when the consumer has stopped.
    /// </summary>
    public Task RunAsync(Func<KafkaBatch, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Task.Factory.StartNew(() => Run(handler, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs with a handler of one message at a time (called in turn for each message of a batch): a
    /// <see cref="PoisonMessageException"/> rejects that message; any other exception retries the batch,
    /// so messages before it in the batch are handled again (handlers must be idempotent).
    /// </summary>
    public Task RunEachAsync(Func<KafkaMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(async (batch, ct) =>
        {
            foreach (var message in batch.Messages)
            {
                var previous = System.Diagnostics.Activity.Current;
                System.Diagnostics.Activity.Current = message.Activity ?? previous;
                try
                {
                    await handler(message, ct).ConfigureAwait(false);
                }
                catch (PoisonMessageException ex)
                {
                    batch.Reject(message, ex);
                }
                finally
                {
                    System.Diagnostics.Activity.Current = previous;
                }
            }
        }, cancellationToken);
    }

    /// <summary>The librdkafka configuration the loop uses.</summary>
    public ConsumerConfig CreateConfig() => new()
    {
        BootstrapServers = Options.BootstrapServers,
        GroupId = Options.GroupId,
        ClientId = $"{AppDomain.CurrentDomain.FriendlyName}-{Options.GroupId}",
        GroupInstanceId = Options.StaticMembership ? Options.GroupInstanceId ?? $"{Options.GroupId}-{Environment.MachineName}" : null,
        SessionTimeoutMs = (int)Options.SessionTimeout.TotalMilliseconds,
        HeartbeatIntervalMs = (int)Options.HeartbeatInterval.TotalMilliseconds,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        AllowAutoCreateTopics = true,
        EnablePartitionEof = false,
    };

    private void Run(Func<KafkaBatch, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        // A fatal client error (or anything unexpected) must not end consumption nor crash the host:
        // log it, wait, and start a fresh consumer, which resumes from the last committed offset.
        var restarts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                RunConsumer(handler, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                restarts++;
                var delay = Backoff(restarts);
                MessagingLog.ConsumerRestarting(logger, Options.Topic, Options.GroupId, (long)delay.TotalMilliseconds, ex);
                Sleep(delay, cancellationToken);
            }
        }
    }

    private void RunConsumer(Func<KafkaBatch, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        var topic = Options.Topic;
        var group = Options.GroupId;
        using var consumer = new ConsumerBuilder<string, byte[]>(CreateConfig())
            .SetErrorHandler((_, e) => MessagingLog.ClientError(logger, "consumer", e.Code.ToString(), e.Reason, e.IsFatal))
            .SetLogHandler((_, log) => MessagingLog.ClientLog(logger, "consumer", log.Facility, log.Message))
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                foreach (var tp in revoked)
                {
                    MessagingTelemetry.ForgetLag(group, tp.Topic, tp.Partition.Value);
                }
            })
            .Build();
        consumer.Subscribe(topic);
        MessagingLog.ConsumerStarted(logger, topic, group, Options.BootstrapServers);
        var attempt = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                List<ConsumeResult<string, byte[]>> results;
                try
                {
                    results = KafkaBatchCollector.Collect(consumer, Options, cancellationToken);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    MessagingLog.ConsumeError(logger, topic, group, ex.Error.Reason);
                    Sleep(Options.RetryBackoff, cancellationToken);
                    continue;
                }
                UpdateLag(consumer, group, results);
                if (results.Count == 0)
                {
                    continue;
                }

                var outcome = Handle(handler, results, group, out var error, cancellationToken);
                if (outcome == Outcome.Retry)
                {
                    attempt++;
                    var delay = Backoff(attempt);
                    var first = results[0];
                    MessagingLog.BatchFailed(logger, first.Topic, results.Count, first.Partition.Value, first.Offset.Value, group, attempt, (long)delay.TotalMilliseconds, error!);
                    SeekBack(consumer, results);
                    Sleep(delay, cancellationToken);
                    continue;
                }
                if (outcome == Outcome.Cancelled)
                {
                    break;
                }
                attempt = 0;
                Commit(consumer, results, group);
                UpdateLag(consumer, group, []);
            }
        }
        finally
        {
            try
            {
                consumer.Close();
            }
            catch (KafkaException)
            {
                // Leaving the group failed (broker gone): the group coordinator times the member out.
            }
            MessagingLog.ConsumerStopped(logger, topic, group);
        }
    }

    private enum Outcome { Done, Retry, Cancelled }

    private Outcome Handle(Func<KafkaBatch, CancellationToken, Task> handler, List<ConsumeResult<string, byte[]>> results, string group, out Exception? error, CancellationToken cancellationToken)
    {
        error = null;
        var messages = results.Select(r => new KafkaMessage(r.Topic, r.Partition.Value, r.Offset.Value, r.Message.Key,
            r.Message.Value ?? [], r.Message.Timestamp.UtcDateTime) { Activity = ConsumerSpans.Start(r, group) }).ToList();
        var batch = new KafkaBatch(messages);
        var previous = ConsumerSpans.EnterBatch(messages);
        try
        {
            handler(batch, cancellationToken).GetAwaiter().GetResult();
            foreach (var (message, reason) in batch.Rejected)
            {
                ConsumerSpans.Poison(message.Activity, reason);
                MessagingLog.PoisonMessage(logger, message.Topic, message.Partition, message.Offset, group, reason.Message, reason);
                MessagingTelemetry.PoisonMessages.Add(1,
                    new KeyValuePair<string, object?>("messaging.destination.name", message.Topic),
                    new KeyValuePair<string, object?>("messaging.consumer.group.name", group));
            }
            return Outcome.Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome.Cancelled;
        }
        catch (Exception ex)
        {
            ConsumerSpans.Fail(messages, ex);
            error = ex;
            return Outcome.Retry;
        }
        finally
        {
            System.Diagnostics.Activity.Current = previous;
            ConsumerSpans.Stop(messages);
        }
    }

    private void Commit(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> results, string group)
    {
        var offsets = KafkaBatchOffsets.NextToRead(results);
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException ex)
        {
            // Stored but not committed (the partition moved to another member, or the broker is away):
            // the batch will be delivered again and the idempotent handler stores nothing twice.
            foreach (var tpo in offsets)
            {
                MessagingLog.CommitFailed(logger, tpo.Topic, tpo.Partition.Value, tpo.Offset.Value, group, ex);
            }
        }
    }

    private void SeekBack(IConsumer<string, byte[]> consumer, List<ConsumeResult<string, byte[]>> results)
    {
        foreach (var first in KafkaBatchOffsets.First(results))
        {
            try
            {
                consumer.Seek(first);
            }
            catch (KafkaException ex)
            {
                // The partition was revoked meanwhile: its new owner resumes from the committed offset.
                MessagingLog.ConsumeError(logger, first.Topic, Options.GroupId,
                    string.Create(CultureInfo.InvariantCulture, $"seek back to {first} failed: {ex.Error.Reason}"));
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ms = Options.RetryBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, Options.MaxRetryBackoff.TotalMilliseconds));
    }

    private void Sleep(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            Task.Delay(delay, _time, cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Lag = high watermark − the first offset not yet handled: a batch in flight still counts as lag
    /// (its messages are not stored until the handler returns), so the gauge does not drop to 0 while a
    /// slow batch (the kafkaQueueProblems flag, a database outage) holds everything it took.
    /// </summary>
    private static void UpdateLag(IConsumer<string, byte[]> consumer, string group, List<ConsumeResult<string, byte[]>> inFlight)
    {
        var firstInFlight = KafkaBatchOffsets.First(inFlight).ToDictionary(t => t.TopicPartition, t => t.Offset);
        foreach (var tp in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(tp);
            var position = firstInFlight.TryGetValue(tp, out var first) ? first : consumer.Position(tp);
            if (watermarks.High.IsSpecial || position.IsSpecial)
            {
                continue;
            }
            MessagingTelemetry.RecordLag(group, tp.Topic, tp.Partition.Value, watermarks.High.Value - position.Value);
        }
    }

    private static KafkaConsumerOptions Validate(KafkaConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.BootstrapServers, "BootstrapServers (ConnectionStrings:kafka)");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.GroupId);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, "MaxBatchSize");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchLinger, TimeSpan.Zero, "BatchLinger");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SessionTimeout, options.HeartbeatInterval, "SessionTimeout");
        return options;
    }
}
