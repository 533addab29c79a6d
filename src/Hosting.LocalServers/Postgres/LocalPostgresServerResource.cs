namespace Platform.Hosting.LocalServers.Postgres;

/// <summary>
/// A PostgreSQL server run from the system's binaries (Debian's <c>postgresql</c> package) on
/// 127.0.0.1, its cluster kept in <see cref="DataDirectory"/>. DCP runs it like any executable, so
/// the dashboard shows its state, health and console output.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string SuperUser = "postgres";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The directory holding the cluster (<c>pgdata/</c>) and its password file.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The <c>postgres</c> superuser's password.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The loopback endpoint the server listens on (port chosen by DCP).</summary>
    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Databases created when the server is ready: resource name to database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary><c>Host=127.0.0.1;Port=…;Username=postgres;Password=…</c>, Aspire's PostgreSQL format.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={SuperUser};Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => _databases.TryAdd(resourceName, databaseName);
}
