using Platform.Hosting.LocalServers.Kafka;

namespace Aspire.Hosting;

/// <summary>A Kafka broker container resource (KRaft, one node), ours since Aspire.Hosting.Kafka is not served.</summary>
public static class KafkaContainerBuilderExtensions
{
    /// <summary>The image, pinned: a manifest never floats to whatever <c>latest</c> is today.</summary>
    public const string Image = "apache/kafka";
    public const string Tag = "4.1.0";
    public const string Registry = "docker.io";

    /// <summary>
    /// Adds a one-node Kafka broker in KRaft mode (broker and controller in one process) listening on
    /// 9092. Publish mode writes it as a <c>container.v0</c> resource with a pinned image.
    /// <code>var kafka = builder.AddKafkaContainer("kafka");</code>
    /// </summary>
    public static IResourceBuilder<KafkaContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new KafkaContainerResource(name);
        return builder.AddResource(kafka)
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            .WithEndpoint(targetPort: KafkaContainerResource.BrokerPort, name: KafkaContainerResource.PrimaryEndpointName, scheme: "tcp")
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment(context => context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                $"PLAINTEXT://{kafka.PrimaryEndpoint.Property(EndpointProperty.Host)}:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)}"))
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    }
}
