using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestration;

/// <summary>A connection string that must come from configuration.</summary>
internal sealed class ConnectionStringRunner(ConnectionStringResource resource, RunContext context) : IResourceRunner
{
    public IResource Resource => resource;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (context.ExistingConnectionString(resource) is not { } value)
        {
            context.Publish(resource, s => s with
            {
                State = KnownResourceStates.FailedToStart,
                Message = $"ConnectionStrings:{resource.Name} is not configured (set it in AppHost/appsettings.json or the environment variable ConnectionStrings__{resource.Name})",
            });
            return Task.CompletedTask;
        }

        resource.ConnectionString.Set(value);
        context.Publish(resource, s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = Health.Healthy,
            Environment = new Dictionary<string, string> { ["ConnectionString"] = RunContext.Mask(value, false) },
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Databases follow their server (started, healthy and stopped with it).</summary>
internal sealed class FollowerRunner(IResource resource) : IResourceRunner
{
    public IResource Resource { get; } = resource;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
