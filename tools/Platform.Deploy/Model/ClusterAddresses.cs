namespace Platform.Deploy.Model;

/// <summary>The in-cluster DNS name and port of a resource, as its Service (or operator) exposes it.</summary>
internal sealed record ClusterAddress(string Host, int Port);

internal static class ClusterAddresses
{
    public const int PostgresPort = 5432;
    public const int RedisPort = 6379;
    public const int KafkaPort = 9092;

    public static ClusterAddress Of(Workload workload) => workload.Kind switch
    {
        // CloudNativePG names the read-write Service of Cluster <name> "<name>-rw".
        WorkloadKind.Postgres => new($"{workload.Name}-rw", PostgresPort),
        WorkloadKind.Redis => new(workload.Name, RedisPort),
        // Strimzi names the bootstrap Service of Kafka <name> "<name>-kafka-bootstrap".
        WorkloadKind.Kafka => new($"{workload.Name}-kafka-bootstrap", KafkaPort),
        WorkloadKind.Project => new(workload.Name, ProjectPort(workload)),
        _ => throw new InvalidOperationException($"{workload.Kind} has no address."),
    };

    /// <summary>The port a project listens on: its http binding's targetPort, or the .NET images' 8080.</summary>
    public static int ProjectPort(Workload project) =>
        project.Resource.Bindings.TryGetValue(DeployModel.ProjectPortName, out var http) && http.TargetPort is { } port
            ? port
            : DeployModel.DefaultProjectPort;
}
