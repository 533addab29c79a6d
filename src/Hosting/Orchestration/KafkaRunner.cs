using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;

namespace Platform.Hosting.Orchestration;

/// <summary>Kafka: the librdkafka mock cluster hosted in this process (in memory), or the configured broker.</summary>
internal sealed class KafkaRunner(KafkaServerResource resource, RunContext context) : ServerRunner(resource, context)
{
    private KafkaMockCluster? _cluster;

    protected override Task<(string, int[])> StartServerAsync(CancellationToken cancellationToken)
    {
        _cluster = KafkaMockCluster.Start();
        Context.Log(Resource, $"librdkafka mock cluster on {_cluster.BootstrapServers} (in the AppHost process, data in memory)");
        return Task.FromResult((_cluster.BootstrapServers, new[] { Environment.ProcessId }));
    }

    protected override Task OnConnectionStringAsync(string connectionString, CancellationToken cancellationToken)
    {
        resource.ConnectionString.Set(connectionString);
        return Task.CompletedTask;
    }

    protected override ValueTask StopServerAsync()
    {
        _cluster?.Dispose();
        _cluster = null;
        return ValueTask.CompletedTask;
    }

    protected override Task<bool> IsHealthyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var (host, port) = FirstAddress(connectionString, 9092);
        return CanConnectAsync(host, port, cancellationToken);
    }
}
