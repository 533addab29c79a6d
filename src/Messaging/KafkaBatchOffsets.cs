using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>Where a batch starts and ends on each partition: what to commit after it, where to seek back to retry it.</summary>
internal static class KafkaBatchOffsets
{
    /// <summary>Per partition, the offset after the batch's last message (Kafka commits the next offset to read).</summary>
    public static List<TopicPartitionOffset> NextToRead(IEnumerable<ConsumeResult<string, byte[]>> batch) =>
        [.. batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(r => r.Offset.Value) + 1)))];

    /// <summary>Per partition, the batch's first offset.</summary>
    public static List<TopicPartitionOffset> First(IEnumerable<ConsumeResult<string, byte[]>> batch) =>
        [.. batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Min(r => r.Offset.Value))))];
}
