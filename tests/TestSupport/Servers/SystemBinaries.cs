namespace Platform.Testing.Servers;

/// <summary>Finds the Debian binaries the local servers run from, with the fix in the message when one is missing.</summary>
public static class SystemBinaries
{
    /// <summary>redis-server from Debian's <c>redis-server</c> package.</summary>
    public static string RedisServer() => Find("redis-server", "redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);

    /// <summary>A PostgreSQL server binary (postgres, initdb) from Debian's <c>postgresql</c> package.</summary>
    public static string Postgres(string name)
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", name))
            : [];
        return Find(name, "postgresql", [.. candidates, $"/usr/bin/{name}"]);
    }

    private static string Find(string name, string package, IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new MissingBinaryException(name, package);
}

/// <summary>A server binary is not installed; the message names the Debian package that provides it.</summary>
public sealed class MissingBinaryException(string binary, string package)
    : Exception($"'{binary}' was not found. Install it with: sudo apt-get install -y {package}")
{
    /// <summary>The Debian package to install.</summary>
    public string Package { get; } = package;
}
