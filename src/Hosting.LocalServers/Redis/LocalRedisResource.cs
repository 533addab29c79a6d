namespace Platform.Hosting.LocalServers.Redis;

/// <summary>
/// A redis-server (Debian's <c>redis-server</c> package) on 127.0.0.1 with a password, its
/// append-only file kept in <see cref="DataDirectory"/>. Run by DCP like any executable.
/// </summary>
public sealed class LocalRedisResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>Where the configuration file and the data live.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The password clients authenticate with (<c>requirepass</c>).</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The loopback endpoint the server listens on (port chosen by DCP).</summary>
    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary><c>127.0.0.1:PORT,password=…</c>, Aspire's Redis format.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
