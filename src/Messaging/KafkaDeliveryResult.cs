namespace Platform.Messaging;

/// <summary>Where the broker stored an acknowledged message.</summary>
public sealed record KafkaDeliveryResult(string Topic, int Partition, long Offset);
