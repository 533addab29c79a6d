using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// The one place that decides what a data store is in each mode, so the AppHost's model reads the
/// same either way:
/// <list type="bullet">
/// <item>a configured <c>ConnectionStrings:&lt;name&gt;</c> points at something that already runs and starts nothing;</item>
/// <item>publish mode: Aspire's container resources (PostgreSQL, Redis) and our Kafka container, pinned images, generated passwords;</item>
/// <item>run mode: local servers from the system's binaries and librdkafka's mock cluster, no container engine.</item>
/// </list>
/// </summary>
public static class DataStoreBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL database on its server: <paramref name="serverName"/> is the server resource,
    /// the returned resource the database (what services reference).
    /// <code>var accountingDb = builder.AddPostgresDatabase("postgres", "accountingdb");</code>
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, [ResourceName] string serverName, [ResourceName] string databaseName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsConfigured(builder, databaseName))
        {
            return builder.AddConnectionString(databaseName);
        }
        return builder.ExecutionContext.IsPublishMode
            ? builder.AddPostgres(serverName).AddDatabase(databaseName)
            : builder.AddLocalPostgres(serverName).AddDatabase(databaseName);
    }

    /// <summary>A Redis server. <code>var redis = builder.AddRedisServer("redis");</code></summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsConfigured(builder, name))
        {
            return builder.AddConnectionString(name);
        }
        return builder.ExecutionContext.IsPublishMode ? builder.AddRedis(name) : builder.AddLocalRedis(name);
    }

    /// <summary>
    /// A Kafka endpoint; the mock cluster creates <paramref name="topics"/> at start (the broker container
    /// creates a topic on first use). <code>var kafka = builder.AddKafkaBroker("kafka", "orders");</code>
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaBroker(this IDistributedApplicationBuilder builder, [ResourceName] string name, params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsConfigured(builder, name))
        {
            return builder.AddConnectionString(name);
        }
        return builder.ExecutionContext.IsPublishMode ? builder.AddKafkaContainer(name) : builder.AddKafkaMockCluster(name, topics);
    }

    private static bool IsConfigured(IDistributedApplicationBuilder builder, string name) =>
        !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name));
}
