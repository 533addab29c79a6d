using System.Diagnostics;

namespace Platform.Hosting.LocalServers.Postgres;

/// <summary>
/// Creates the cluster directory with initdb on first start. initdb (and the server) refuse to run as
/// root, so when the AppHost runs as root both run as the <c>postgres</c> user, which then owns the
/// cluster; the data directory is opened for traversal only.
/// </summary>
internal static class PostgresCluster
{
    public const string ClusterDirectoryName = "pgdata";
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The user the server runs as, or null to run as ourselves.</summary>
    public static string? RunAsUser => Environment.IsPrivilegedProcess ? LocalPostgresServerResource.SuperUser : null;

    public static string ClusterDirectory(string dataDirectory) => Path.Combine(dataDirectory, ClusterDirectoryName);

    public static async Task EnsureInitializedAsync(string dataDirectory, string password, Action<string> log, CancellationToken cancellationToken)
    {
        var cluster = ClusterDirectory(dataDirectory);
        if (File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            return;
        }
        log($"initdb: creating the cluster in {cluster}");
        if (Directory.Exists(cluster))
        {
            Directory.Delete(cluster, recursive: true); // a half-made cluster from an interrupted first start
        }
        Directory.CreateDirectory(cluster);
        var passwordFile = Path.Combine(dataDirectory, "initdb.pwfile");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            string[] initdb = [SystemPackages.Postgres("initdb"), "-D", cluster, "-U", LocalPostgresServerResource.SuperUser,
                $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"];
            var user = RunAsUser;
            if (user is null)
            {
                await RunAsync(initdb[0], initdb[1..], log, cancellationToken);
            }
            else
            {
                FilePermissions.AllowTraversal(dataDirectory);
                await RunAsync("chown", ["-R", $"{user}:{user}", cluster, passwordFile], log, cancellationToken);
                await RunAsync("runuser", ["-u", user, "--", .. initdb], log, cancellationToken);
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, Action<string> log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"Could not start {fileName}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InitTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        foreach (var line in (await output + await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log(line);
        }
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{fileName} failed with exit code {process.ExitCode}; its output is in the resource's console log.");
        }
    }
}
