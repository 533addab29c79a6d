namespace Platform.Hosting.LocalServers.Kafka;

/// <summary>
/// A single-node Kafka broker (KRaft) as a container, for publish mode: Aspire.Hosting.Kafka is not
/// served here, so this is ours, with the same connection string shape (<c>host:port</c>).
/// </summary>
public sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const int BrokerPort = 9092;

    /// <summary>The broker's client listener.</summary>
    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary><c>{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}</c> in the manifest.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
