using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AccountingRecovery;

/// <summary>kill -9 of one resource of the Platform: SIGKILL to the process DCP reports and all under it.</summary>
internal static class Faults
{
    public static void Kill(DistributedApplication app, string resource)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var state)
            || state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value)
        {
            throw new InvalidOperationException($"{resource} reports no process id.");
        }
        foreach (var pid in Tree(Convert.ToInt32(value, CultureInfo.InvariantCulture)))
        {
            try
            {
                Process.GetProcessById(pid).Kill(); // SIGKILL on Linux
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    public static async Task WaitUntilDownAsync(DistributedApplication app, string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] up = [KnownResourceStates.Running, KnownResourceStates.Starting, KnownResourceStates.Stopping, KnownResourceStates.Waiting, KnownResourceStates.NotStarted];
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is { } s && !up.Contains(s), timeout.Token);
    }

    /// <summary>The process and its descendants, from /proc.</summary>
    private static List<int> Tree(int root)
    {
        var children = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToLookup(p => p.Parent, p => p.Pid);
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i]]);
        }
        return tree;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
