using System.Globalization;

namespace EndToEnd.Tests.Model;

/// <summary>Processes as /proc shows them: what the AppHost started, and whether any of it is left.</summary>
public static class ProcessTree
{
    /// <summary>The process and all its descendants.</summary>
    public static List<int> Of(int rootPid)
    {
        var children = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToLookup(p => p.Parent, p => p.Pid);
        var tree = new List<int> { rootPid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i]]);
        }
        return tree;
    }

    /// <summary>The executable's file name, e.g. <c>dcp</c>, <c>postgres</c>, <c>Frontend</c>.</summary>
    public static string NameOf(int pid)
    {
        try
        {
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0];
            return Path.GetFileName(command);
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid);

    /// <summary>Waits until none of the processes is alive; returns those still alive at the deadline.</summary>
    public static async Task<List<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<int> alive;
        while ((alive = [.. pids.Where(IsAlive)]).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        return alive;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
