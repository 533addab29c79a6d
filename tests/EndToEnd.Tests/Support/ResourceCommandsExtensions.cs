namespace EndToEnd.Tests.Support;

/// <summary>Stopping and starting a resource the way an operator does it: the dashboard's Stop and Start commands.</summary>
public static class ResourceCommandsExtensions
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the resource's Stop command and waits until the resource is no longer running.</summary>
    public static async Task StopResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stop {name}: {result.Message}");
        using var timeout = new CancellationTokenSource(StateTimeout);
        await app.ResourceNotifications.WaitForResourceAsync(name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
    }

    /// <summary>Runs the resource's Start command and waits until it is healthy again.</summary>
    public static async Task StartResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"start {name}: {result.Message}");
        using var timeout = new CancellationTokenSource(StateTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
    }

    /// <summary>When the resource last started: unchanged means it was not restarted.</summary>
    public static DateTime? StartedAt(this DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var state) ? state.Snapshot.StartTimeStamp : null;
}
