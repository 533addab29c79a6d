using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Redis;
using Platform.Redis.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers <see cref="RedisClient"/> the way Aspire's <c>AddRedisClient</c> does.</summary>
public static class RedisHostingExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="RedisClient"/> for the connection string
    /// <c>ConnectionStrings:{connectionName}</c> (env <c>ConnectionStrings__{connectionName}</c>, Aspire's
    /// <c>host:port,password=...</c> format) and a readiness health check named after the connection
    /// that sends <c>PING</c>. The connection string is read when the client is first resolved.
    /// <code>builder.AddRedisClient("redis");</code>
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection string's name, e.g. <c>redis</c>.</param>
    /// <param name="configure">Adjusts the parsed options (timeouts, database) before the client is created.</param>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName, Action<RedisConnectionOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        builder.Services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"No Redis connection string: set configuration 'ConnectionStrings:{connectionName}' (env ConnectionStrings__{connectionName}), e.g. '127.0.0.1:6379,password=secret'.");
            }

            var options = RedisConnectionOptions.Parse(connectionString);
            configure?.Invoke(options);
            return new RedisClient(options, sp.GetService<ILogger<RedisClient>>());
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RedisHealthCheck(sp.GetRequiredService<RedisClient>()),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"]));
        return builder;
    }
}
