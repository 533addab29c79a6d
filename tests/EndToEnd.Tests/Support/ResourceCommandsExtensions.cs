namespace EndToEnd.Tests.Support;

/// <summary>Stopping and starting a resource the way an operator does it: the dashboard's Stop and Start commands.</summary>
public static class ResourceCommandsExtensions
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);

    // Any other state is down: a stop ends in Exited or Finished, a SIGKILL may show DCP's own Terminated.
    private static readonly string[] UpStates =
        [KnownResourceStates.Running, KnownResourceStates.Starting, KnownResourceStates.Stopping, KnownResourceStates.Waiting, KnownResourceStates.NotStarted];

    /// <summary>Runs the resource's Stop command and waits until the resource is no longer running.</summary>
    public static async Task StopResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stop {name}: {result.Message}");
        await app.WaitForStoppedAsync(name);
    }

    /// <summary>Waits until the resource is no longer running (stopped, exited or killed).</summary>
    public static async Task WaitForStoppedAsync(this DistributedApplication app, string name)
    {
        using var timeout = new CancellationTokenSource(StateTimeout);
        await app.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text is { } state && !UpStates.Contains(state), timeout.Token);
    }

    /// <summary>Runs the resource's Start command and waits until it is healthy again.</summary>
    /// <remarks>
    /// The wait goes on through a terminal state: Aspire 13.6 recreates the process under the same name and
    /// maps every watch event of that name to the resource, so a late event of the stopped process can show
    /// "Exited" after the new one is "Starting". Stopping there (the testing builder's default) failed a CI run
    /// within a second of a restart that went on to succeed.
    /// </remarks>
    public static async Task StartResourceAsync(this DistributedApplication app, string name)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"start {name}: {result.Message}");
        using var timeout = new CancellationTokenSource(StateTimeout);
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var state = app.ResourceNotifications.TryGetCurrentState(name, out var current) ? $"{current.Snapshot.State?.Text}, {current.Snapshot.HealthStatus}" : "unknown";
            Assert.Fail($"{name} was not healthy {StateTimeout.TotalSeconds} s after its Start command (now {state}).");
        }
    }

    /// <summary>When the resource last started: unchanged means it was not restarted.</summary>
    public static DateTime? StartedAt(this DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var state) ? state.Snapshot.StartTimeStamp : null;
}
