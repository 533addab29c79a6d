using System.Diagnostics;
using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// Drains what the client has fetched into one batch: waits up to the poll timeout for a first message,
/// then takes what arrives within the linger until the batch is full. librdkafka prefetches whole fetch
/// responses, so under load a batch fills from memory without a wait.
/// </summary>
internal static class KafkaBatchCollector
{
    public static List<ConsumeResult<string, byte[]>> Collect(IConsumer<string, byte[]> consumer, KafkaConsumerOptions options, CancellationToken cancellationToken)
    {
        var batch = new List<ConsumeResult<string, byte[]>>();
        var first = consumer.Consume(options.PollTimeout);
        if (first?.Message is null)
        {
            return batch;
        }
        batch.Add(first);
        var linger = Stopwatch.StartNew();
        while (batch.Count < options.MaxBatchSize && !cancellationToken.IsCancellationRequested)
        {
            var remaining = options.BatchLinger - linger.Elapsed;
            var next = consumer.Consume(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            if (next?.Message is null)
            {
                break;
            }
            batch.Add(next);
        }
        return batch;
    }
}
