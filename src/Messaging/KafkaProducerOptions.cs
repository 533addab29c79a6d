namespace Platform.Messaging;

/// <summary>Producer settings, bound from configuration section <c>Kafka:Producer</c>.</summary>
public sealed class KafkaProducerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kafka:Producer";

    /// <summary>Bootstrap servers (<c>host:port,...</c>); filled from <c>ConnectionStrings:{name}</c>.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// How long a publish may wait for the broker's acknowledgement (librdkafka <c>message.timeout.ms</c>,
    /// the delivery timeout, retries included) before it fails. Default 10 s.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>client.id</c> sent to the broker; defaults to the application name.</summary>
    public string? ClientId { get; set; }
}
