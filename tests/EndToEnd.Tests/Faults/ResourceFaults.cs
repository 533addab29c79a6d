using System.Diagnostics;
using System.Globalization;
using EndToEnd.Tests.Model;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>Faults done to one resource of a running Platform, the way an operator (or the kernel) would.</summary>
public static class ResourceFaults
{
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
        await app.WaitForStoppedAsync(resource);
    }

    /// <summary>The resource's process id as DCP reports it.</summary>
    public static int ProcessId(DistributedApplication app, string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var state), $"{resource} has no state");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }
}
