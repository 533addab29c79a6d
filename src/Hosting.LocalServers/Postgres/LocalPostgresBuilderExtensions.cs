using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Hosting.LocalServers;
using Platform.Hosting.LocalServers.Postgres;

namespace Aspire.Hosting;

/// <summary>PostgreSQL from the system's binaries as an Aspire resource, no container engine needed.</summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run from Debian's <c>postgresql</c> binaries on 127.0.0.1, on a port
    /// DCP chooses. The cluster lives in <c>.apphost/&lt;name&gt;/</c> across runs (initdb on first
    /// start, as the <c>postgres</c> user when the AppHost is root); the superuser password is a
    /// generated secret parameter <c>&lt;name&gt;-password</c> kept beside the data.
    /// <code>
    /// var db = builder.AddLocalPostgres("postgres").AddDatabase("accountingdb");
    /// builder.AddProject&lt;Projects.Accounting&gt;("accounting").WithReference(db).WaitFor(db);
    /// </code>
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var postgres = SystemPackages.Postgres("postgres");
        var dataDirectory = LocalDataDirectory.For(builder, name);
        var password = builder.AddParameter($"{name}-password", new PersistedPasswordDefault(Path.Combine(dataDirectory, "password")), secret: true);
        var runAs = PostgresCluster.RunAsUser;
        var server = new LocalPostgresServerResource(name, runAs is null ? postgres : "runuser", dataDirectory, password.Resource);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            var secret = await server.PasswordParameter.GetValueAsync(cancellationToken) ?? throw new DistributedApplicationException($"{name}: no password.");
            await PostgresCluster.EnsureInitializedAsync(dataDirectory, secret, line => logger.LogInformation("{Line}", line), cancellationToken);
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, cancellationToken) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
            await CreateDatabasesAsync(
                server, connectionString!, @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server), cancellationToken));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => (connectionString ?? throw new InvalidOperationException("The connection string is not known yet.")) + ";Database=postgres;Timeout=5",
            name: healthCheckKey);

        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                if (runAs is not null)
                {
                    context.Args.Add("-u");
                    context.Args.Add(runAs);
                    context.Args.Add("--");
                    context.Args.Add(postgres);
                }
                context.Args.Add("-D");
                context.Args.Add(PostgresCluster.ClusterDirectory(dataDirectory));
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                // Loopback TCP only: no Unix socket in a shared directory.
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                context.Args.Add("-c");
                context.Args.Add("unix_socket_directories=");
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds a database to a local PostgreSQL server, created (if missing) when the server is ready.
    /// Its connection string is the server's with <c>Database=&lt;databaseName&gt;</c>.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        databaseName ??= name;
        if (!databaseName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Database name '{databaseName}' may contain only ASCII letters, digits and '_'.", nameof(databaseName));
        }

        var database = new LocalPostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.AddDatabase(name, databaseName);

        string? connectionString = null;
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, cancellationToken) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(
            _ => (connectionString ?? throw new InvalidOperationException("The connection string is not known yet.")) + ";Timeout=5",
            name: healthCheckKey);

        // Aspire passes a parent's state on to its children only for containers: mirror the server's here.
        builder.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(database, (@event, cancellationToken) =>
        {
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowServerStateAsync(@event.Notifications, database, stopping);
            return Task.CompletedTask;
        });

        return builder.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheckKey);
    }

    private static async Task FollowServerStateAsync(ResourceNotificationService notifications, LocalPostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource == database.Parent)
                {
                    await notifications.PublishUpdateAsync(database, s => s with
                    {
                        State = update.Snapshot.State,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    private const int CreateDatabaseAttempts = 4;

    // The server is ready when every service of the Platform compiles its code at once, two cores for all: a
    // connection (SCRAM costs CPU on both sides) can take seconds then. A slow one must not fail every resource
    // that waits for the database (CI saw "The operation has timed out" at 5 s once in ten starts), so it is
    // given 15 s and tried again on a transient failure, up to a minute in all.
    private static async Task CreateDatabasesAsync(
        LocalPostgresServerResource server, string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateDatabasesOnceAsync(server, connectionString, cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < CreateDatabaseAttempts && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Creating the databases failed ({Message}); attempt {Next} of {Attempts}.", e.Message, attempt + 1, CreateDatabaseAttempts);
            }
        }
    }

    private static async Task CreateDatabasesOnceAsync(LocalPostgresServerResource server, string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Timeout=15;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var databaseName in server.Databases.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = databaseName } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // The name was checked to be [A-Za-z0-9_] in AddDatabase; identifiers cannot be parameters.
                await using var create = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE \"{databaseName}\""), connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
