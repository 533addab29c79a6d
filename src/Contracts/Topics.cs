namespace Platform.Contracts;

/// <summary>Kafka topic names shared by producers and consumers.</summary>
public static class Topics
{
    /// <summary>Carries <c>OrderPlaced</c>, keyed by order id.</summary>
    public const string Orders = "orders";
}
