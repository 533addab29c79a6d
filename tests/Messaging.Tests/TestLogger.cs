using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Tests;

internal static class Clients
{
    public static KafkaProducer Producer(string bootstrapServers, TimeSpan? deliveryTimeout = null) =>
        new(Options.Create(new KafkaProducerOptions { BootstrapServers = bootstrapServers, DeliveryTimeout = deliveryTimeout ?? TimeSpan.FromSeconds(10) }),
            NullLogger<KafkaProducer>.Instance);

    public static KafkaConsumerLoop Loop(string bootstrapServers, string topic, string group) =>
        new(new KafkaConsumerOptions { BootstrapServers = bootstrapServers, Topic = topic, GroupId = group, RetryBackoff = TimeSpan.FromMilliseconds(50), PollTimeout = TimeSpan.FromMilliseconds(100) },
            NullLogger<KafkaConsumerLoop>.Instance);

    public static ILogger<T> Null<T>() => NullLogger<T>.Instance;
}
