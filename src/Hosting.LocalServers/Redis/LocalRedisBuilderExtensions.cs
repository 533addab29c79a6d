using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.LocalServers;
using Platform.Hosting.LocalServers.Redis;

namespace Aspire.Hosting;

/// <summary>Redis from the system's redis-server as an Aspire resource, no container engine needed.</summary>
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// Adds a redis-server on 127.0.0.1, on a port DCP chooses, with a generated password (secret
    /// parameter <c>&lt;name&gt;-password</c>) and its data kept in <c>.apphost/&lt;name&gt;/</c>
    /// (append-only file). The password reaches the server through a private config file, never the
    /// command line, so neither <c>ps</c> nor the dashboard shows it.
    /// <code>
    /// var redis = builder.AddLocalRedis("redis");
    /// builder.AddProject&lt;Projects.Cart&gt;("cart").WithReference(redis).WaitFor(redis);
    /// </code>
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var binary = SystemPackages.RedisServer();
        var dataDirectory = LocalDataDirectory.For(builder, name);
        var password = builder.AddParameter($"{name}-password", new PersistedPasswordDefault(Path.Combine(dataDirectory, "password")), secret: true);
        var redis = new LocalRedisResource(name, binary, dataDirectory, password.Resource);
        var configFile = Path.Combine(dataDirectory, "redis.conf");

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, cancellationToken) =>
        {
            var secret = await redis.PasswordParameter.GetValueAsync(cancellationToken);
            await File.WriteAllLinesAsync(configFile,
            [
                "bind 127.0.0.1",
                "protected-mode yes",
                $"requirepass {secret}",
                $"dir {dataDirectory}",
                "appendonly yes",
                "save \"\"",
            ], cancellationToken);
            FilePermissions.OwnerOnly(configFile);
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, cancellationToken) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => (connectionString ?? throw new InvalidOperationException("The connection string is not known yet.")) + ",connectTimeout=5000",
            name: healthCheckKey);

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheckKey);
    }
}
