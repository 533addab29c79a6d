using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>
/// Asks the cluster every <see cref="FraudDetectionOptions.LagInterval"/> how far group <c>fraud-detection</c>
/// is behind on each partition of <c>orders</c>: the high watermark (QueryWatermarkOffsets) minus the
/// group's committed offset (OffsetFetch), each with <see cref="FraudDetectionOptions.LagQueryTimeout"/>.
/// It uses a client of its own that never joins the group, so it measures what the group has really
/// processed, even while the consumer is stuck in a slow batch or gone. A failed query clears the gauge
/// (no value is better than a stale one) and makes <c>/health</c> unhealthy.
/// </summary>
public sealed class ConsumerLagMonitor(
    KafkaConsumerLoop loop,
    IOptionsMonitor<FraudDetectionOptions> options,
    FraudMetrics metrics,
    TimeProvider time,
    ILogger<ConsumerLagMonitor> logger) : BackgroundService
{
    private volatile Exception? _lastError;
    private volatile bool _measured;

    /// <summary>Null while the last query succeeded; else why it failed (or that none ran yet).</summary>
    public string? Problem => _lastError is { } error ? $"Kafka did not answer the lag query: {error.Message}"
        : _measured ? null
        : "The consumer lag has not been measured yet.";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's queries block: a thread of its own, not the thread pool's.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var group = loop.Options.GroupId;
        var topic = loop.Options.Topic;
        using var client = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = loop.Options.BootstrapServers,
            GroupId = group,
            ClientId = $"{AppDomain.CurrentDomain.FriendlyName}-{group}-lag",
            EnableAutoCommit = false,
            AllowAutoCreateTopics = false,
        })
            // Its client errors (broker down) surface as the queries' KafkaExceptions, logged below once per
            // interval; the consumer loop's own client already logs them as they happen.
            .SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.SetLag(Measure(client, admin, group, topic, options.CurrentValue.LagQueryTimeout));
                _lastError = null;
                _measured = true;
            }
            catch (Exception ex)
            {
                // Any failure, not only a KafkaException: an exception escaping this thread would stop the host.
                metrics.SetLag([]);
                _lastError = ex;
                Log.ConsumerLagUnknown(logger, group, topic, ex is KafkaException kafka ? kafka.Error.Reason : ex.Message, ex);
            }
            try
            {
                Task.Delay(options.CurrentValue.LagInterval, time, stoppingToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static List<PartitionLag> Measure(IConsumer<Ignore, Ignore> client, IAdminClient admin, string group, string topic, TimeSpan timeout)
    {
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return [];
        }
        if (metadata.Error.IsError)
        {
            throw new KafkaException(metadata.Error);
        }
        var partitions = metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
        var committed = client.Committed(partitions, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var lags = new List<PartitionLag>(partitions.Count);
        foreach (var tp in partitions)
        {
            var watermarks = client.QueryWatermarkOffsets(tp, timeout);
            // Nothing committed yet: the group starts from the earliest message (auto.offset.reset=earliest).
            long? done = committed.TryGetValue(tp.Partition.Value, out var offset) && !offset.IsSpecial ? offset.Value : null;
            var from = done ?? watermarks.Low.Value;
            lags.Add(new PartitionLag(group, topic, tp.Partition.Value, watermarks.High.Value, done, Math.Max(0, watermarks.High.Value - from)));
        }
        return lags;
    }
}
