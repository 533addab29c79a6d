namespace Platform.Hosting.LocalServers;

/// <summary>
/// Finds the Debian binaries the local servers run from. A missing one fails the AppHost at start
/// with the apt package to install, rather than a resource that exits with "file not found".
/// </summary>
internal static class SystemPackages
{
    public static string RedisServer() =>
        Find("redis-server", "redis-server", ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]);

    /// <summary>A PostgreSQL server binary (<c>postgres</c>, <c>initdb</c>), newest major version first.</summary>
    public static string Postgres(string binary)
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", binary))
            : [];
        return Find(binary, "postgresql", versions);
    }

    internal static string Find(string binary, string package, IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new DistributedApplicationException(
            $"'{binary}' was not found. Install it with: sudo apt-get install -y {package} " +
            "(or point ConnectionStrings:<name> at a server that already runs).");
}
