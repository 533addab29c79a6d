using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Trace;
using Platform.Contracts;
using StackExchange.Redis;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// The cart's two Redis connections: the real one (Aspire's <c>AddRedisClient</c>: connection string
/// <c>ConnectionStrings:redis</c>, health check, logging) and the one <c>cartFailure</c> sends its
/// <c>DEL</c> to, where nothing listens. Both are traced by OpenTelemetry's StackExchange.Redis
/// instrumentation with <see cref="RedisCommandSpans.Enrich"/>, so a failed command is an error span.
/// The unreachable one is connected at start too; it keeps retrying in the background, which costs a refused connect a second.
/// </summary>
public static class RedisConnections
{
    /// <summary>
    /// Registers both connections and their tracing. Aspire's own tracing is switched off because its
    /// copy of the instrumentation is internal and takes no Enrich callback; the public package is the
    /// same instrumentation (same ActivitySource and tags).
    /// <code>builder.AddCartRedis();</code>
    /// </summary>
    public static IHostApplicationBuilder AddCartRedis(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(ResourceNames.Redis, settings => settings.DisableTracing = true);
        builder.Services.AddOptions<ConfigurationOptions>()
            .Configure<IOptions<CartOptions>>((redis, cart) => ApplyTimeouts(redis, cart.Value.RedisTimeout));

        builder.Services.AddKeyedSingleton<IConnectionMultiplexer>(CartStore.FailureKey, (sp, _) =>
            ConnectionMultiplexer.Connect(FailureOptions(sp.GetRequiredService<IOptions<CartOptions>>().Value)));

        // The instrumentation lives in the app's services (as in Aspire's AddRedisClient), so its spans go out with
        // the tracer provider ServiceDefaults builds; RedisTracingRegistration adds both connections at start.
        builder.Services.ConfigureAll<StackExchangeRedisInstrumentationOptions>(ConfigureTracing);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource(RedisCommandSpans.SourceName)
            .ConfigureRedisInstrumentation(_ => { })
            .AddInstrumentation(sp => sp.GetRequiredService<StackExchangeRedisInstrumentation>()));
        builder.Services.AddHostedService<RedisTracingRegistration>();
        return builder;
    }

    /// <summary>
    /// Connect, sync and async timeouts, so a dead or silent Redis is an error after <paramref name="timeout"/>,
    /// never a hung request; no abort on a failed first connect, so the cart starts without Redis and
    /// reconnects on its own when Redis comes back.
    /// </summary>
    public static void ApplyTimeouts(ConfigurationOptions redis, TimeSpan timeout)
    {
        var milliseconds = (int)timeout.TotalMilliseconds;
        redis.ConnectTimeout = milliseconds;
        redis.SyncTimeout = milliseconds;
        redis.AsyncTimeout = milliseconds;
        redis.AbortOnConnectFail = false;
    }

    /// <summary>
    /// The unreachable Redis of <c>cartFailure</c>. Its commands wait in StackExchange.Redis' backlog (so the
    /// profiler, and then the trace, sees them) until the connection attempt fails or the timeout passes.
    /// </summary>
    public static ConfigurationOptions FailureOptions(CartOptions cart)
    {
        var redis = ConfigurationOptions.Parse(cart.FailureConnectionString);
        redis.AbortOnConnectFail = false;
        return redis;
    }

    // For every name: the failure connection is added under its own name (its own drain thread).
    private static void ConfigureTracing(StackExchangeRedisInstrumentationOptions options)
    {
        options.Enrich = RedisCommandSpans.Enrich;
        // Spans of a request are built once it ends; check every second so they reach the trace soon after.
        options.FlushInterval = TimeSpan.FromSeconds(1);
    }
}
