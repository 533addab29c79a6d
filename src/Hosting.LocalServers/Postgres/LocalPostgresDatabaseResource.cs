namespace Platform.Hosting.LocalServers.Postgres;

/// <summary>
/// A database of a <see cref="LocalPostgresServerResource"/>, created when the server is ready. It
/// follows its server's state on the dashboard and is healthy once it accepts connections.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresServerResource Parent { get; } = parent;

    /// <summary>The server's connection string with <c>Database=…</c>.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
