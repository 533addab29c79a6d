namespace Platform.Messaging;

/// <summary>Consumer settings for one <see cref="KafkaConsumerLoop"/>, bound from section <c>Kafka:Consumer</c>.</summary>
public sealed class KafkaConsumerOptions
{
    /// <summary>Bootstrap servers (<c>host:port,...</c>), usually <c>ConnectionStrings:kafka</c>.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic to consume, e.g. <c>orders</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>The consumer group, e.g. <c>accounting</c>.</summary>
    public string GroupId { get; set; } = "";

    /// <summary>First wait after a failed batch; doubles on each further failure of the same batch.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts at the same batch.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one poll waits for a first message before the loop checks for cancellation.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most messages handed to the handler at once.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// After the first message of a batch, how long the loop keeps collecting what arrives before it hands
    /// the batch over (unless it is full first). Short: it is added to every message's latency when idle.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// librdkafka <c>session.timeout.ms</c>: how long the group coordinator waits for a silent member (a
    /// killed process) before it gives its partitions to another. Default 6 s, the broker's usual minimum
    /// (librdkafka's own default is 45 s, which is what kept a restarted consumer idle for ~50 s).
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>librdkafka <c>heartbeat.interval.ms</c>; a third of the session timeout by Kafka's advice.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Static group membership (KIP-345): the consumer joins with a <c>group.instance.id</c> that is the same
    /// after a restart, so the coordinator hands the restarted process its partitions at once instead of
    /// waiting for the dead member's session to time out. On by default.
    /// </summary>
    public bool StaticMembership { get; set; } = true;

    /// <summary>
    /// The <c>group.instance.id</c> when <see cref="StaticMembership"/> is on. It must be unique among the
    /// live members and stable across restarts of one instance. Default <c>{GroupId}-{host name}</c>: in
    /// Kubernetes the host name is the pod name (stable while kubelet restarts the container, unique per
    /// replica); locally one process per machine. Set it when several instances share one host.
    /// </summary>
    public string? GroupInstanceId { get; set; }
}
