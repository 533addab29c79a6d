using System.Globalization;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// CPU time of the Platform's processes from /proc, grouped by what they are (a service, PostgreSQL,
/// Redis, DCP, the receiver, this bench), so a reader sees where the two cores went during a phase.
/// A process belongs to the group of its nearest ancestor that is recognised (a PostgreSQL backend to
/// its postmaster); processes of other users of the machine are left out.
/// </summary>
public sealed class ProcessCpu(Func<int, string, ProcessGroup?> recognise)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds (user + system) per group, now.</summary>
    public Dictionary<string, double> Snapshot()
    {
        var processes = ReadProcesses();
        var groups = new Dictionary<string, double>();
        foreach (var (pid, process) in processes)
        {
            if (GroupOf(pid, processes) is { } group)
            {
                groups[group] = groups.GetValueOrDefault(group) + process.Cpu;
            }
        }

        return groups;
    }

    /// <summary>The processes of this run that are themselves recognised as one of <paramref name="groups"/> (a service's own process).</summary>
    public IReadOnlyList<(int Pid, string Group)> Find(IReadOnlyCollection<string> groups)
    {
        var processes = ReadProcesses();
        return [.. processes.Keys.Select(pid => (pid, Group: recognise(pid, processes[pid].CommandLine)?.Name))
            .Where(p => p.Group is not null && groups.Contains(p.Group) && GroupOf(p.pid, processes) == p.Group)
            .Select(p => (p.pid, p.Group!))];
    }

    private static Dictionary<int, (int Parent, string CommandLine, double Cpu)> ReadProcesses()
    {
        var processes = new Dictionary<int, (int Parent, string CommandLine, double Cpu)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised command name: state, ppid, ... utime (14th), stime (15th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                processes[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine, cpu);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        return processes;
    }

    /// <summary>Cores used per group between two snapshots.</summary>
    public static IReadOnlyList<(string Group, double Cores)> Cores(Dictionary<string, double> before, Dictionary<string, double> after, TimeSpan elapsed) =>
        [.. after.Select(a => (a.Key, (a.Value - before.GetValueOrDefault(a.Key)) / elapsed.TotalSeconds))
            .Where(g => g.Item2 > 0.005)
            .OrderByDescending(g => g.Item2)];

    /// <summary>
    /// The group of the nearest recognised process on the way up (the process itself first), counted only
    /// when that way passes a process of this run (another user's redis-server is not ours).
    /// </summary>
    private string? GroupOf(int pid, Dictionary<int, (int Parent, string CommandLine, double Cpu)> processes)
    {
        string? group = null;
        for (var (current, depth) = (pid, 0); depth < 32 && processes.TryGetValue(current, out var process); (current, depth) = (process.Parent, depth + 1))
        {
            if (recognise(current, process.CommandLine) is { } found)
            {
                group ??= found.Name;
                if (found.OfThisRun)
                {
                    return group;
                }
            }
        }

        return null;
    }
}

/// <summary>A recognised process: the group it counts in, and whether it is known to belong to this run.</summary>
public sealed record ProcessGroup(string Name, bool OfThisRun);
