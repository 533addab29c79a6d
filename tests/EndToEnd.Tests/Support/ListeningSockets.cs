using System.Globalization;
using System.Net;

namespace EndToEnd.Tests.Support;

/// <summary>A TCP socket in LISTEN state, the process holding it, and the address it is bound to.</summary>
public sealed record ListeningSocket(int Pid, string Process, IPAddress Address, int Port)
{
    public override string ToString() => $"{Process} ({Pid}) on {Address}:{Port}";
}

/// <summary>
/// The listening TCP sockets of a set of processes, as the kernel reports them: /proc/net/tcp and tcp6
/// list every socket by inode; /proc/PID/fd links name the inodes each process holds. What <c>ss -ltnp</c> shows.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static List<ListeningSocket> Of(IEnumerable<int> pids)
    {
        var listening = Read("/proc/net/tcp").Concat(Read("/proc/net/tcp6")).ToDictionary(s => s.Inode, s => s.Endpoint);
        var sockets = new List<ListeningSocket>();
        foreach (var pid in pids)
        {
            foreach (var inode in SocketInodes(pid))
            {
                if (listening.TryGetValue(inode, out var endpoint))
                {
                    sockets.Add(new ListeningSocket(pid, ProgramOf(pid), endpoint.Address, endpoint.Port));
                }
            }
        }
        return sockets;
    }

    /// <summary>The process's name (<c>postgres</c>, <c>dcp</c>), or for <c>dotnet &lt;x&gt;.dll</c> the assembly's (<c>Frontend</c>).</summary>
    private static string ProgramOf(int pid)
    {
        var name = Model.ProcessTree.NameOf(pid);
        if (name != "dotnet")
        {
            return name;
        }
        try
        {
            var dll = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal));
            return dll is null ? name : Path.GetFileNameWithoutExtension(dll);
        }
        catch (IOException)
        {
            return name;
        }
    }

    private static IEnumerable<(long Inode, IPEndPoint Endpoint)> Read(string table) =>
        File.ReadLines(table).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == ListenState)
            .Select(fields => (long.Parse(fields[9], CultureInfo.InvariantCulture), Endpoint(fields[1])));

    // "0100007F:1F90": the address as the kernel stores it (32-bit words in host order, little-endian here), the port big-endian hex.
    private static IPEndPoint Endpoint(string field)
    {
        var (hex, port) = (field[..field.IndexOf(':')], int.Parse(field[(field.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }
        return new IPEndPoint(new IPAddress(bytes), port);
    }

    private static IEnumerable<long> SocketInodes(int pid)
    {
        string[] links;
        try
        {
            links = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break; // the process ended meanwhile
        }
        foreach (var link in links)
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                yield return long.Parse(target["socket:[".Length..^1], CultureInfo.InvariantCulture);
            }
        }
    }
}
