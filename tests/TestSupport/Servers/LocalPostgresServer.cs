using Npgsql;

namespace Platform.Testing.Servers;

/// <summary>
/// A PostgreSQL server process on 127.0.0.1 in a private data directory, from Debian's binaries.
/// As root it runs as the <c>postgres</c> user (initdb refuses root). The generated password is kept
/// in the data directory (mode 0600), so a kept directory starts again with the same credentials.
/// <code>
/// await using var pg = await LocalPostgresServer.StartAsync(dataDirectory, ct);
/// await pg.CreateDatabaseAsync("accountingdb", ct);
/// var connectionString = pg.GetConnectionString("accountingdb");
/// </code>
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const int SigInt = 2; // "fast shutdown": does not wait for pooled client connections to close
    // initdb and the start take a second or two; the bound only has to catch a hang, and a CI machine running
    // every test project at once has been seen to need more than 30 s for initdb.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly GuardedProcess _process;

    private LocalPostgresServer(GuardedProcess process, int port, string password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The password of the <c>postgres</c> superuser.</summary>
    public string Password { get; }

    /// <summary>An Npgsql connection string to the <c>postgres</c> maintenance database.</summary>
    public string ConnectionString => GetConnectionString(SuperUser);

    /// <summary>The server process (its output lines and state).</summary>
    public GuardedProcess Process => _process;

    /// <summary>Starts a server with a generated password on a free port.</summary>
    public static Task<LocalPostgresServer> StartAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, new LocalServerOptions(), cancellationToken);

    /// <summary>Initialises <paramref name="dataDirectory"/> if needed, starts the server and waits until it accepts connections.</summary>
    public static async Task<LocalPostgresServer> StartAsync(string dataDirectory, LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var postgres = SystemBinaries.Postgres("postgres");
        var initdb = SystemBinaries.Postgres("initdb");
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var runAs = Environment.IsPrivilegedProcess ? SuperUser : null;
        var clusterDirectory = Path.Combine(dataDirectory, "pgdata");
        var password = await EnsureClusterAsync(initdb, dataDirectory, clusterDirectory, options, runAs, cancellationToken);
        var port = options.ResolvePort();

        string[] arguments =
        [
            "-D", clusterDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=100",
            "-c", "shared_buffers=32MB",
            // Throw-away servers trade crash safety for speed; a kept (persistent) one does not.
            "-c", $"fsync={(options.Persistent ? "on" : "off")}",
            "-c", $"synchronous_commit={(options.Persistent ? "on" : "off")}",
        ];
        var process = await GuardedProcess.StartAsync(new GuardedProcessOptions
        {
            FileName = postgres,
            Arguments = arguments,
            User = runAs,
            WorkingDirectory = dataDirectory,
            StopSignal = SigInt,
        });
        var server = new LocalPostgresServer(process, port, password);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An Npgsql connection string for a database of this server.</summary>
    public string GetConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Password = Password,
            Database = database,
            Timeout = 5,
            CommandTimeout = 30,
        }.ConnectionString;

    /// <summary>Creates the database unless it exists.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"Database name '{name}' may contain only letters, digits, '_' and '-'.", nameof(name));
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Stops the server (fast shutdown, then kill after 5 s).</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }

    private static async Task<string> EnsureClusterAsync(
        string initdb, string dataDirectory, string clusterDirectory, LocalServerOptions options, string? runAs, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(dataDirectory, "postgres.password");
        if (File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
        {
            return options.Password ?? (File.Exists(passwordFile)
                ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim()
                : throw new InvalidOperationException($"{clusterDirectory} exists but its password is unknown: give the password or delete the directory to start fresh."));
        }

        var password = options.ResolvePassword();
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        Directory.CreateDirectory(clusterDirectory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local PostgreSQL server runs on Linux (Debian's binaries).");
        }
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (runAs is not null)
        {
            // The postgres user must reach the cluster directory: the data directory is ours, so open it for traversal.
            File.SetUnixFileMode(dataDirectory, File.GetUnixFileMode(dataDirectory) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
            await ChangeOwnerAsync(clusterDirectory, runAs, cancellationToken);
            await ChangeOwnerAsync(passwordFile, runAs, cancellationToken);
        }

        var init = await GuardedProcess.StartAsync(new GuardedProcessOptions
        {
            FileName = initdb,
            Arguments = ["-D", clusterDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"],
            User = runAs,
            WorkingDirectory = dataDirectory,
        });
        await using (init)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            int exitCode;
            try
            {
                exitCode = await init.Exited.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"initdb did not finish within {StartTimeout.TotalSeconds} s in {clusterDirectory}:{Environment.NewLine}{string.Join(Environment.NewLine, init.RecentLines().TakeLast(15))}");
            }
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed with code {exitCode} in {clusterDirectory}:{Environment.NewLine}{string.Join(Environment.NewLine, init.RecentLines().TakeLast(15))}");
            }
        }
        return password;
    }

    private static async Task ChangeOwnerAsync(string path, string user, CancellationToken cancellationToken)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{user}:{user}", path]);
        await chown.WaitForExitAsync(cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown -R {user} {path} failed with code {chown.ExitCode}.");
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_process.Exited.Result}:{Environment.NewLine}{string.Join(Environment.NewLine, _process.RecentLines().TakeLast(15))}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(GetConnectionString(SuperUser) + ";Pooling=false");
                await connection.OpenAsync(timeout.Token);
                return;
            }
            catch (NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                // Not accepting connections yet (starting up).
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"postgres did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s.");
            }
            await Task.Delay(50, timeout.Token);
        }
    }
}
