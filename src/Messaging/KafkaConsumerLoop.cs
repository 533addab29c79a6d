using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>
/// Consumes one topic in one consumer group and calls a handler per message, at least once:
/// auto-commit is off and a message's offset is committed only after its handler returned.
/// A handler that throws <see cref="PoisonMessageException"/> has its message logged, counted and
/// skipped (committed); any other exception makes the loop seek back and retry the same message
/// with exponential backoff, never committing it. Each message is a Consumer span
/// <c>{topic} process</c> whose parent is the producer's context from the <c>traceparent</c> header.
/// Use it from a hosted service (composition, no base class):
/// <code>
/// protected override Task ExecuteAsync(CancellationToken ct) =&gt; loop.RunAsync(HandleAsync, ct);
/// </code>
/// </summary>
public sealed class KafkaConsumerLoop(KafkaConsumerOptions options, ILogger<KafkaConsumerLoop> logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The options of this loop.</summary>
    public KafkaConsumerOptions Options { get; } = Validate(options);

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, on a dedicated thread (the
    /// Kafka client blocks while polling). The returned task completes when the consumer has left the group.
    /// </summary>
    public Task RunAsync(Func<KafkaMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Task.Factory.StartNew(() => Run(handler, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The librdkafka configuration the loop uses.</summary>
    public ConsumerConfig CreateConfig() => new()
    {
        BootstrapServers = Options.BootstrapServers,
        GroupId = Options.GroupId,
        ClientId = $"{AppDomain.CurrentDomain.FriendlyName}-{Options.GroupId}",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        AllowAutoCreateTopics = true,
        EnablePartitionEof = false,
    };

    private void Run(Func<KafkaMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
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

    private void RunConsumer(Func<KafkaMessage, CancellationToken, Task> handler, CancellationToken cancellationToken)
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
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(Options.PollTimeout);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    MessagingLog.ConsumeError(logger, topic, group, ex.Error.Reason);
                    Sleep(Options.RetryBackoff, cancellationToken);
                    continue;
                }
                UpdateLag(consumer, group);
                if (result?.Message is null)
                {
                    continue;
                }

                var outcome = Handle(handler, result, group, out var error, cancellationToken);
                if (outcome == Outcome.Retry)
                {
                    attempt++;
                    var delay = Backoff(attempt);
                    MessagingLog.HandlerFailed(logger, result.Topic, result.Partition.Value, result.Offset.Value, group, attempt, (long)delay.TotalMilliseconds, error!);
                    try
                    {
                        consumer.Seek(result.TopicPartitionOffset);
                    }
                    catch (KafkaException ex)
                    {
                        // The partition was revoked meanwhile: its new owner resumes from the committed offset.
                        MessagingLog.ConsumeError(logger, topic, group, $"seek back to {result.TopicPartitionOffset} failed: {ex.Error.Reason}");
                    }
                    Sleep(delay, cancellationToken);
                    continue;
                }
                if (outcome == Outcome.Cancelled)
                {
                    break;
                }
                attempt = 0;
                try
                {
                    consumer.Commit(result);
                }
                catch (KafkaException ex)
                {
                    MessagingLog.CommitFailed(logger, result.Topic, result.Partition.Value, result.Offset.Value, group, ex);
                }
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

    private Outcome Handle(Func<KafkaMessage, CancellationToken, Task> handler, ConsumeResult<string, byte[]> result, string group, out Exception? error, CancellationToken cancellationToken)
    {
        error = null;
        var parent = TraceContextHeaders.Extract(result.Message.Headers);
        using var activity = MessagingTelemetry.ActivitySource.StartActivity($"{result.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", result.Topic);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.operation.name", "process");
        activity?.SetTag("messaging.consumer.group.name", group);
        activity?.SetTag("messaging.kafka.destination.partition", result.Partition.Value);
        activity?.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.message.offset", result.Offset.Value);
        if (result.Message.Key is not null)
        {
            activity?.SetTag("messaging.kafka.message.key", result.Message.Key);
        }

        var message = new KafkaMessage(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key,
            result.Message.Value ?? [], result.Message.Timestamp.UtcDateTime);
        try
        {
            handler(message, cancellationToken).GetAwaiter().GetResult();
            return Outcome.Done;
        }
        catch (PoisonMessageException ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", "poison_message");
            MessagingLog.PoisonMessage(logger, result.Topic, result.Partition.Value, result.Offset.Value, group, ex.Message, ex);
            MessagingTelemetry.PoisonMessages.Add(1,
                new KeyValuePair<string, object?>("messaging.destination.name", result.Topic),
                new KeyValuePair<string, object?>("messaging.consumer.group.name", group));
            return Outcome.Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome.Cancelled;
        }
        catch (Exception ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", ex.GetType().FullName);
            error = ex;
            return Outcome.Retry;
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

    private static void UpdateLag(IConsumer<string, byte[]> consumer, string group)
    {
        foreach (var tp in consumer.Assignment)
        {
            var watermarks = consumer.GetWatermarkOffsets(tp);
            var position = consumer.Position(tp);
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
        return options;
    }
}
