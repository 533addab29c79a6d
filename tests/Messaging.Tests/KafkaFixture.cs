using Confluent.Kafka;

namespace Platform.Messaging.Tests;

/// <summary>One librdkafka mock cluster per test class; each test uses its own topic.</summary>
public sealed class KafkaFixture : IDisposable
{
    private readonly IAdminClient _host;

    public KafkaFixture()
    {
        KafkaNative.EnsureResolver();
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        config.Set("test.mock.num.brokers", "1");
        _host = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        var broker = _host.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Single();
        BootstrapServers = $"{broker.Host}:{broker.Port}";
    }

    public string BootstrapServers { get; }

    /// <summary>A fresh topic name; the mock cluster creates the topic on first use.</summary>
    public Task<string> CreateTopicAsync(string prefix) => Task.FromResult($"{prefix}-{Guid.NewGuid():N}");

    public void Dispose() => _host.Dispose();
}
