using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Platform.Contracts;

namespace EndToEnd.Tests.Support;

/// <summary>Reads and writes the <c>orders</c> topic with its own Kafka client, as an independent observer would.</summary>
public sealed class OrdersTopic(string bootstrapServers)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Every message on the topic so far, from the beginning (a fresh consumer group each time).</summary>
    public List<ConsumeResult<string, byte[]>> ReadAll()
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"e2e-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Subscribe(Topics.Orders);
        var messages = new List<ConsumeResult<string, byte[]>>();
        var partitionsAtEnd = new HashSet<int>();
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                if (consumer.Assignment.Count > 0 && partitionsAtEnd.Count == consumer.Assignment.Count)
                {
                    break;
                }

                continue;
            }

            if (result.IsPartitionEOF)
            {
                partitionsAtEnd.Add(result.Partition.Value);
                if (partitionsAtEnd.Count == consumer.Assignment.Count)
                {
                    break;
                }

                continue;
            }

            partitionsAtEnd.Remove(result.Partition.Value);
            messages.Add(result);
        }

        consumer.Close();
        return messages;
    }

    /// <summary>The messages whose key is the order id.</summary>
    public List<ConsumeResult<string, byte[]>> MessagesOf(string orderId) => [.. ReadAll().Where(m => m.Message.Key == orderId)];

    /// <summary>The messages whose event names the user.</summary>
    public List<ConsumeResult<string, byte[]>> MessagesOfUser(string userId) =>
        [.. ReadAll().Where(m => JsonDocument.Parse(m.Message.Value).RootElement.GetProperty("userId").GetString() == userId)];

    /// <summary>Order id → total of every distinct order on the topic whose user id starts with <paramref name="userPrefix"/>.</summary>
    public Dictionary<string, decimal> OrdersOfUsers(string userPrefix)
    {
        var orders = new Dictionary<string, decimal>();
        foreach (var message in ReadAll())
        {
            var order = JsonDocument.Parse(message.Message.Value).RootElement;
            if (order.TryGetProperty("userId", out var user) && user.GetString()?.StartsWith(userPrefix, StringComparison.Ordinal) == true)
            {
                orders[order.GetProperty("orderId").GetString()!] = order.GetProperty("total").GetDecimal();
            }
        }
        return orders;
    }

    /// <summary>Publishes a copy of a message (same key, value and headers), as a redelivery would; returns where it landed.</summary>
    public async Task<TopicPartitionOffset> RepublishAsync(Message<string, byte[]> original)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All, MessageTimeoutMs = 10_000 }).Build();
        var delivery = await producer.ProduceAsync(Topics.Orders, new Message<string, byte[]> { Key = original.Key, Value = original.Value, Headers = original.Headers });
        return delivery.TopicPartitionOffset;
    }

    /// <summary>Waits until consumer group <paramref name="groupId"/> committed past <paramref name="position"/> (it processed that message).</summary>
    public async Task<bool> WaitForCommitPastAsync(string groupId, TopicPartitionOffset position, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId, EnableAutoCommit = false }).Build();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var committed = consumer.Committed([position.TopicPartition], TimeSpan.FromSeconds(5)).Single();
            if (committed.Offset.Value > position.Offset.Value)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>The W3C trace id carried by a message's <c>traceparent</c> header.</summary>
    public static string? TraceIdOf(Message<string, byte[]> message) =>
        message.Headers.TryGetLastBytes("traceparent", out var bytes) ? Encoding.ASCII.GetString(bytes).Split('-')[1] : null;
}
