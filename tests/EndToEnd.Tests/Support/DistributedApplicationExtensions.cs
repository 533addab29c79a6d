using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests.Support;

/// <summary>What the whole-system tests ask of a running AppHost.</summary>
public static class DistributedApplicationExtensions
{
    /// <summary>Waits until every resource of the model (parameters aside) reports healthy.</summary>
    public static Task WaitForEveryResourceHealthyAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        Task.WhenAll(app.ResourceNames().Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken)));

    /// <summary>The model's resources, parameters aside.</summary>
    public static IEnumerable<string> ResourceNames(this DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is not ParameterResource)
            .Select(r => r.Name);

    /// <summary>Each resource's state, health and last console lines: what a failed start needs to be understood.</summary>
    public static async Task<string> DescribeAsync(this DistributedApplication app)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        foreach (var name in app.ResourceNames())
        {
            var state = app.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent)
                ? $"{resourceEvent.Snapshot.State?.Text} {resourceEvent.Snapshot.HealthStatus}"
                : "no state";
            lines.Add($"{name}: {state}");
            await foreach (var batch in logs.GetAllAsync(name))
            {
                lines.AddRange(batch.TakeLast(15).Select(line => "    " + line.Content));
            }
        }
        return string.Join('\n', lines);
    }
}
