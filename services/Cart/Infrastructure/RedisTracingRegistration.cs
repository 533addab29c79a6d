using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// Adds the cart's two Redis connections to OpenTelemetry's StackExchange.Redis instrumentation when
/// the host starts (before the first request), and takes them out when it stops, which also turns the
/// last profiled commands into spans.
/// </summary>
internal sealed class RedisTracingRegistration(
    StackExchangeRedisInstrumentation instrumentation,
    IConnectionMultiplexer redis,
    [FromKeyedServices(CartStore.FailureKey)] IConnectionMultiplexer failing) : IHostedService
{
    private IDisposable[] _registrations = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registrations = [instrumentation.AddConnection(redis), instrumentation.AddConnection(CartStore.FailureKey, failing)];
        return Task.CompletedTask;
    }

    // Once, even when the host is stopped twice (WebApplicationFactory does).
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in Interlocked.Exchange(ref _registrations, []))
        {
            registration.Dispose();
        }
        return Task.CompletedTask;
    }
}
