using Platform.Testing.Servers;

namespace Platform.Messaging.Tests;

/// <summary>One librdkafka mock cluster (Platform.Testing.Servers.KafkaMockCluster) per test class; each test uses its own topic.</summary>
public sealed class KafkaFixture : IDisposable
{
    private readonly KafkaMockCluster _cluster;

    public KafkaFixture()
    {
        _cluster = KafkaMockCluster.Start();
    }

    public string BootstrapServers => _cluster.BootstrapServers;

    /// <summary>A fresh topic, created in the mock cluster (with its default partition count).</summary>
    public Task<string> CreateTopicAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        _cluster.EnsureTopic(name);
        return Task.FromResult(name);
    }

    public void Dispose() => _cluster.Dispose();
}
