using Confluent.Kafka;

namespace Platform.Hosting.LocalServers.Kafka;

/// <summary>
/// A Kafka endpoint from librdkafka's mock cluster (the broker librdkafka tests itself against),
/// hosted inside the AppHost process on 127.0.0.1: produce, fetch, consumer groups and offset
/// commits work from any Kafka client; data lives in memory and is gone when the AppHost stops.
/// </summary>
public sealed class KafkaMockClusterResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private IAdminClient? _host;

    /// <summary>The bootstrap address, known once the cluster has started (a restarted cluster has a new one).</summary>
    public KafkaBootstrapAddress BootstrapAddress { get; } = new(name);

    /// <summary><c>127.0.0.1:PORT</c>, what Confluent.Kafka takes as <c>BootstrapServers</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{BootstrapAddress}");

    /// <summary>Starts the mock cluster and returns its bootstrap address.</summary>
    internal string Start(Action<LogMessage> log)
    {
        Stop();
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        // librdkafka's own test property: this client hosts a one-broker cluster and ignores bootstrap.servers.
        config.Set("test.mock.num.brokers", "1");
        _host = new AdminClientBuilder(config).SetLogHandler((_, message) => log(message)).Build();
        var broker = _host.GetMetadata(MetadataTimeout).Brokers.Single();
        var address = $"{broker.Host}:{broker.Port}";
        CreateTopics();
        BootstrapAddress.Set(address);
        return address;
    }

    /// <summary>The topics created at start, so consumers that start before any producer find them.</summary>
    public IList<string> Topics { get; } = [];

    /// <summary>
    /// Creates the topics: the mock cluster does not implement CreateTopics, it creates a topic (with its
    /// default partition count) the first time a client asks for the topic's metadata.
    /// </summary>
    internal void CreateTopics()
    {
        foreach (var topic in Topics)
        {
            var metadata = _host!.GetMetadata(topic, MetadataTimeout).Topics.Single();
            if (metadata.Error.IsError)
            {
                throw new KafkaException(metadata.Error);
            }
        }
    }

    /// <summary>True while the cluster answers a metadata request.</summary>
    internal bool IsAnswering()
    {
        try
        {
            return _host?.GetMetadata(TimeSpan.FromSeconds(2)).Brokers.Count > 0;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    internal void Stop()
    {
        _host?.Dispose();
        _host = null;
    }
}
