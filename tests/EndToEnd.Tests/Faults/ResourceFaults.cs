using System.Diagnostics;
using System.Globalization;
using EndToEnd.Tests.Model;

namespace EndToEnd.Tests.Faults;

/// <summary>Faults done to one resource of a running Platform, the way an operator (or the kernel) would.</summary>
public static class ResourceFaults
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>kill -9</c>: SIGKILL to the process the resource reports (<c>executable.pid</c>) and every process
    /// under it, so the service dies with no shutdown, no Kafka LeaveGroup and no flush. Returns when the
    /// resource is seen as no longer running.
    /// </summary>
    public static async Task KillAsync(DistributedApplication app, string resource)
    {
        var pid = ProcessId(app, resource);
        foreach (var process in ProcessTree.Of(pid))
        {
            try
            {
                Process.GetProcessById(process).Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
        await WaitForStoppedAsync(app, resource);
    }

    /// <summary>Stops the resource through Aspire's stop command (what the dashboard's Stop button does) and waits until it is down.</summary>
    public static async Task StopAsync(DistributedApplication app, string resource)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stop {resource}: {result.Message}");
        await WaitForStoppedAsync(app, resource);
    }

    /// <summary>Starts a stopped resource through Aspire's start command; returns when it reports healthy.</summary>
    public static async Task StartAsync(DistributedApplication app, string resource)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"start {resource}: {result.Message}");
        using var timeout = new CancellationTokenSource(StateTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    /// <summary>The resource's process id as DCP reports it.</summary>
    public static int ProcessId(DistributedApplication app, string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var state), $"{resource} has no state");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private static async Task WaitForStoppedAsync(DistributedApplication app, string resource)
    {
        using var timeout = new CancellationTokenSource(StateTimeout);
        await app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is { } s && s != KnownResourceStates.Running && s != KnownResourceStates.Starting
                && s != KnownResourceStates.Stopping && s != KnownResourceStates.Waiting && s != KnownResourceStates.NotStarted,
            timeout.Token);
    }
}
