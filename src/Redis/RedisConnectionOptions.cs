using System.Globalization;

namespace Platform.Redis;

/// <summary>
/// Where and how to connect, read from Aspire's Redis connection string format
/// (StackExchange.Redis style): <c>host:port,password=secret,ssl=false,connectTimeout=2000</c>.
/// </summary>
/// <example><code>var options = RedisConnectionOptions.Parse("127.0.0.1:6379,password=secret");</code></example>
public sealed class RedisConnectionOptions
{
    /// <summary>The port used when the connection string gives none.</summary>
    public const int DefaultPort = 6379;

    /// <summary>Host name or IP address of the server.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port of the server.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Password sent with <c>AUTH</c> on connect; none when null.</summary>
    public string? Password { get; set; }

    /// <summary>ACL user name sent with <c>AUTH</c> (with <see cref="Password"/>); the default user when null.</summary>
    public string? User { get; set; }

    /// <summary>Use TLS.</summary>
    public bool Ssl { get; set; }

    /// <summary>Server name expected in the TLS certificate; <see cref="Host"/> when null.</summary>
    public string? SslHost { get; set; }

    /// <summary>Database index selected on connect (<c>defaultDatabase=</c>).</summary>
    public int Database { get; set; }

    /// <summary>Client name set with <c>CLIENT SETNAME</c> on connect (<c>name=</c>).</summary>
    public string? ClientName { get; set; }

    /// <summary>Time allowed to open the socket and authenticate (<c>connectTimeout=</c> in ms). Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for a command's reply (<c>syncTimeout=</c>/<c>asyncTimeout=</c> in ms). Default 2 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The server as <c>host:port</c>, for messages.</summary>
    public string EndPoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    // Options StackExchange.Redis knows that make no difference to this client; accepted so a
    // connection string written for it (or by Aspire) works unchanged.
    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortConnect", "allowAdmin", "connectRetry", "keepAlive", "resolveDns", "responseTimeout",
        "tiebreaker", "version", "configChannel", "serviceName", "checkCertificateRevocation", "sslProtocols",
        "proxy", "setlib", "protocol",
    };

    /// <summary>
    /// Parses <c>host[:port][,key=value...]</c>. Keys (case-insensitive): <c>password</c>, <c>user</c>,
    /// <c>ssl</c>, <c>sslHost</c>, <c>defaultDatabase</c>, <c>name</c>, <c>connectTimeout</c>,
    /// <c>syncTimeout</c>, <c>asyncTimeout</c> (ms). Other StackExchange.Redis keys are accepted and ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The string is empty, or a part is malformed or unknown; the message names the part.</exception>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The Redis connection string is empty; expected 'host:port[,password=...]'.", nameof(connectionString));
        }

        var options = new RedisConnectionOptions();
        var endPointSeen = false;
        foreach (var rawPart in connectionString.Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                if (endPointSeen)
                {
                    throw Bad($"'{part}' is a second endpoint; this client connects to exactly one server");
                }

                ParseEndPoint(part, options);
                endPointSeen = true;
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "password": options.Password = value.Length == 0 ? null : value; break;
                case "user": options.User = value.Length == 0 ? null : value; break;
                case "ssl": options.Ssl = ParseBool(key, value); break;
                case "sslhost": options.SslHost = value; break;
                case "name": options.ClientName = value; break;
                case "defaultdatabase": options.Database = ParseInt(key, value, 0, 10_000); break;
                case "connecttimeout": options.ConnectTimeout = ParseMilliseconds(key, value); break;
                case "synctimeout":
                case "asynctimeout": options.CommandTimeout = ParseMilliseconds(key, value); break;
                default:
                    if (!IgnoredKeys.Contains(key))
                    {
                        throw Bad($"option '{key}' is not supported");
                    }

                    break;
            }
        }

        if (!endPointSeen)
        {
            throw Bad("no 'host:port' endpoint is given");
        }

        return options;
    }

    private static void ParseEndPoint(string part, RedisConnectionOptions options)
    {
        string host;
        string? port = null;
        if (part.StartsWith('['))
        {
            // [IPv6]:port
            var close = part.IndexOf(']');
            if (close < 0)
            {
                throw Bad($"endpoint '{part}' has no closing ']'");
            }

            host = part[1..close];
            var rest = part[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    throw Bad($"endpoint '{part}' is not '[address]:port'");
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = part.LastIndexOf(':');
            if (colon >= 0 && part.IndexOf(':') != colon)
            {
                throw Bad($"endpoint '{part}' looks like an IPv6 address; write it as '[address]:port'");
            }

            host = colon < 0 ? part : part[..colon];
            port = colon < 0 ? null : part[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw Bad($"endpoint '{part}' has no valid host");
        }

        options.Host = host;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                throw Bad($"port '{port}' of endpoint '{part}' is not a number between 1 and 65535");
            }

            options.Port = p;
        }
    }

    private static bool ParseBool(string key, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw Bad($"option '{key}' must be true or false, not '{value}'"),
    };

    private static int ParseInt(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Bad($"option '{key}' must be a whole number between {min} and {max}, not '{value}'");

    private static TimeSpan ParseMilliseconds(string key, string value) =>
        TimeSpan.FromMilliseconds(ParseInt(key, value, 1, int.MaxValue));

    private static ArgumentException Bad(string what) =>
        new($"Invalid Redis connection string: {what}. Expected 'host:port[,password=...][,ssl=false][,connectTimeout=ms]'.", "connectionString");

    /// <inheritdoc/>
    public override string ToString() => EndPoint; // never the password
}
