using System.Globalization;

namespace Platform.AppHost;

/// <summary>Which process listens on a local TCP port, from /proc (what <c>ss -ltnp</c> shows), to name it in an error.</summary>
internal static class PortHolder
{
    private const string Listen = "0A";

    /// <summary>"process 1234 (dotnet Payment.dll)", or a generic phrase when /proc does not tell (another user's process).</summary>
    public static string Describe(int port)
    {
        var inodes = ListeningSocketInodes(port);
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !OwnsAny(process, inodes))
            {
                continue;
            }
            var commandLine = Read(Path.Combine(process, "cmdline")).Replace('\0', ' ').Trim();
            return $"process {pid} ({commandLine})";
        }
        return "a process this user cannot see";
    }

    private static HashSet<string> ListeningSocketInodes(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(table => Read(table).Split('\n').Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == Listen)
            .Select(fields => $"socket:[{fields[9]}]")];
    }

    private static bool OwnsAny(string process, HashSet<string> inodes)
    {
        if (inodes.Count == 0)
        {
            return false;
        }
        try
        {
            return Directory.EnumerateFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile, or not ours to look at
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
