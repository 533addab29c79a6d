using System.Security.Cryptography;

namespace Platform.Testing.Servers;

/// <summary>How to run a local server: its port (0 = a free one), password (null = generated) and whether data survives a restart.</summary>
public sealed record LocalServerOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The password; a random one is generated when null.</summary>
    public string? Password { get; init; }

    /// <summary>Keep data on disk across restarts (Redis: append-only file). PostgreSQL always persists.</summary>
    public bool Persistent { get; init; }

    internal int ResolvePort()
    {
        if (Port == 0)
        {
            return FreePort.Next();
        }
        if (!FreePort.IsFree(Port))
        {
            throw new InvalidOperationException($"Port {Port} on 127.0.0.1 is already in use: stop what listens there or choose another port.");
        }
        return Port;
    }

    internal string ResolvePassword() => Password ?? GeneratePassword();

    /// <summary>A random password of URL- and connection-string-safe characters.</summary>
    public static string GeneratePassword() =>
        Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
