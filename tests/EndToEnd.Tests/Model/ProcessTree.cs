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

    /// <summary>
    /// What an AppHost started: its own process tree, and DCP's (DCP runs detached, in its own session,
    /// and watches the AppHost's pid: <c>dcp start-apiserver --monitor PID</c>), with the servers and services under it.
    /// </summary>
    public static List<int> StartedBy(int rootPid)
    {
        var tree = Of(rootPid);
        var dcp = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && NameOf(pid) == "dcp")
            .Where(pid => tree.Any(p => CommandLineOf(pid).Contains($"--monitor\0{p}\0", StringComparison.Ordinal)));
        return [.. tree.Concat(dcp.SelectMany(Of)).Distinct()];
    }

    /// <summary>The process group a process belongs to (a terminal's Ctrl+C signals the foreground group).</summary>
    public static int GroupOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>The executable's name as the kernel has it (<c>comm</c>), e.g. <c>dcp</c>, <c>postgres</c>, <c>Frontend</c>.</summary>
    public static string NameOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The process's command line, its arguments separated by NUL (empty when it is gone or unreadable).</summary>
    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The process's environment variables (empty when it is gone).</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(entry => entry.Split('=', 2)).Where(pair => pair.Length == 2)
                .GroupBy(pair => pair[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return new Dictionary<string, string>();
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
