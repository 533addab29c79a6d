using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests.Support;

/// <summary>What the whole-system tests ask of a running AppHost.</summary>
public static class DistributedApplicationExtensions
{
    /// <summary>Starts the app and waits until every resource is healthy; a failure says what each resource is doing.</summary>
    public static async Task StartHealthyAsync(this DistributedApplication app, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await app.StartAsync(cancellation.Token);
            await app.WaitForEveryResourceHealthyAsync(cancellation.Token);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The Platform did not become healthy within {timeout}:\n{await app.DescribeAsync()}", exception);
        }
    }

    /// <summary>Waits until every resource a user sees on the dashboard reports healthy.</summary>
    public static Task WaitForEveryResourceHealthyAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        Task.WhenAll(app.ResourceNames().Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken)));

    /// <summary>
    /// The resources a user sees on the dashboard: not parameters, and not the hidden ones Aspire adds
    /// itself (a project's <c>-rebuilder</c>, the dashboard), which never start on their own.
    /// </summary>
    public static IEnumerable<string> ResourceNames(this DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => r is not ParameterResource)
            .Where(r => !app.ResourceNotifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden)
            .Select(r => r.Name);

    /// <summary>The value of a secret parameter (a generated password), to look for it where it must not be.</summary>
    public static async Task<string> GetPasswordAsync(this DistributedApplication app, string parameterName) =>
        await app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == parameterName).GetValueAsync(default) ?? throw new InvalidOperationException($"{parameterName} has no value.");

    /// <summary>Each resource's state, health and last console lines: what a failed start needs to be understood.</summary>
    public static async Task<string> DescribeAsync(this DistributedApplication app)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var name in app.ResourceNames())
        {
            var state = app.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent)
                ? $"{resourceEvent.Snapshot.State?.Text} {resourceEvent.Snapshot.HealthStatus}"
                : "no state";
            lines.Add($"{name}: {state}");
            // By resource: a project's or executable's console log is kept under its DCP instance name (cart-xyz).
            await foreach (var batch in logs.GetAllAsync(model.Resources.Single(r => r.Name == name)))
            {
                lines.AddRange(batch.TakeLast(15).Select(line => "    " + line.Content));
            }
        }
        return string.Join('\n', lines);
    }
}
