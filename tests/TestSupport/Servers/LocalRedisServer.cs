using System.Net.Sockets;
using System.Text;

namespace Platform.Testing.Servers;

/// <summary>
/// A redis-server process on 127.0.0.1 with a password, started from Debian's binary.
/// <code>
/// await using var redis = await LocalRedisServer.StartAsync(dataDirectory, ct);
/// // redis.ConnectionString == "127.0.0.1:PORT,password=..." (Aspire's format)
/// </code>
/// </summary>
public sealed class LocalRedisServer : IAsyncDisposable
{
    // The start takes well under a second; the bound only has to catch a hang on a heavily loaded machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly GuardedProcess _process;

    private LocalRedisServer(GuardedProcess process, int port, string password)
    {
        _process = process;
        Port = port;
        Password = password;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The password clients authenticate with.</summary>
    public string Password { get; }

    /// <summary>Aspire's Redis connection string: <c>127.0.0.1:PORT,password=...</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    /// <summary>The server process (its output lines and state).</summary>
    public GuardedProcess Process => _process;

    /// <summary>Starts a throw-away server (no persistence) with a generated password on a free port.</summary>
    public static Task<LocalRedisServer> StartAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, new LocalServerOptions(), cancellationToken);

    /// <summary>Starts a server in <paramref name="dataDirectory"/> and waits until it answers PING.</summary>
    public static async Task<LocalRedisServer> StartAsync(string dataDirectory, LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var binary = SystemBinaries.RedisServer();
        Directory.CreateDirectory(dataDirectory);
        var port = options.ResolvePort();
        var password = options.ResolvePassword();

        // The password goes in through a config file in a private file, not on the command line, so `ps` does not show it.
        var configPath = Path.Combine(dataDirectory, "redis.conf");
        await File.WriteAllTextAsync(configPath, string.Join('\n',
            "bind 127.0.0.1",
            $"port {port}",
            $"requirepass {password}",
            $"dir {dataDirectory}",
            "protected-mode yes",
            "daemonize no",
            "save \"\"",
            $"appendonly {(options.Persistent ? "yes" : "no")}",
            "loglevel notice",
            ""), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var process = await GuardedProcess.StartAsync(new GuardedProcessOptions
        {
            FileName = binary,
            Arguments = [configPath],
            WorkingDirectory = dataDirectory,
        });
        var server = new LocalRedisServer(process, port, password);
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

    /// <summary>Stops the server (SIGTERM, then kill after 5 s).</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.Exited.Result}:{Environment.NewLine}{string.Join(Environment.NewLine, _process.RecentLines().TakeLast(10))}");
            }
            if (await PingAsync(timeout.Token))
            {
                return;
            }
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"redis-server did not answer on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s.");
            }
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n"), cancellationToken);
            var buffer = new byte[64];
            var received = new StringBuilder();
            while (!received.ToString().Contains("+PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return false;
                }
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (received.ToString().Contains('-', StringComparison.Ordinal))
                {
                    return false; // e.g. -LOADING while the append-only file is read back
                }
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
