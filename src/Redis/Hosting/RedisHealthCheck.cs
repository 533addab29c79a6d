using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Redis.Hosting;

/// <summary>Healthy when Redis answers <c>PING</c> within the command timeout.</summary>
public sealed class RedisHealthCheck(RedisClient client) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await client.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING answered in {roundTrip.TotalMilliseconds:0.0} ms by {client.Options.EndPoint}.");
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {client.Options.EndPoint} does not answer PING: {ex.Message}", ex);
        }
    }
}
