namespace Platform.Messaging;

/// <summary>Consumer settings for one <see cref="KafkaConsumerLoop"/>.</summary>
public sealed class KafkaConsumerOptions
{
    /// <summary>Bootstrap servers (<c>host:port,...</c>), usually <c>ConnectionStrings:kafka</c>.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic to consume, e.g. <c>orders</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>The consumer group, e.g. <c>accounting</c>.</summary>
    public string GroupId { get; set; } = "";

    /// <summary>First wait after a failed handler call; doubles on each further failure of the same message.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts at the same message.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one poll waits for a message before the loop checks for cancellation.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
