using Confluent.Kafka;

namespace Platform.Testing.Servers;

/// <summary>
/// librdkafka's built-in Kafka-protocol mock cluster, hosted by this process on 127.0.0.1 on a random port.
/// Any Kafka client of any process can produce, fetch and commit offsets against it; data lives in memory.
/// <code>
/// using var kafka = KafkaMockCluster.Start();
/// kafka.EnsureTopic("orders");
/// // kafka.BootstrapServers == "127.0.0.1:PORT"
/// </code>
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private readonly IAdminClient _host;

    private KafkaMockCluster(IAdminClient host, string bootstrapServers)
    {
        _host = host;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The bootstrap address other clients use: <c>127.0.0.1:PORT</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a one-broker mock cluster; it lives as long as this object.</summary>
    public static KafkaMockCluster Start()
    {
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        // The property librdkafka's own tests use: the client hosts a mock cluster and ignores bootstrap.servers.
        config.Set("test.mock.num.brokers", "1");
        var host = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();

        var broker = host.GetMetadata(MetadataTimeout).Brokers.Single();
        return new KafkaMockCluster(host, $"{broker.Host}:{broker.Port}");
    }

    /// <summary>
    /// Makes sure a topic exists. The mock cluster does not implement CreateTopics; it creates a topic
    /// (with its default partition count) the first time a client asks for the topic's metadata.
    /// </summary>
    public void EnsureTopic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var topic = _host.GetMetadata(name, MetadataTimeout).Topics.Single();
        if (topic.Error.IsError)
        {
            throw new KafkaException(topic.Error);
        }
    }

    /// <summary>Stops the mock cluster (its data is gone).</summary>
    public void Dispose() => _host.Dispose();
}
