using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Flags;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// Unhealthy while the <c>failedReadinessProbe</c> flag is on, so <c>/health</c> (readiness) fails
/// while <c>/alive</c> (liveness) stays healthy: an orchestrator stops routing to the cart, it does not restart it.
/// </summary>
public sealed class ReadinessFlagHealthCheck(IFeatureFlags flags) : IHealthCheck
{
    public const string Name = "failedReadinessProbe";
    public const string Flag = Platform.Contracts.FlagKeys.FailedReadinessProbe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await flags.GetBooleanAsync(Flag, false, cancellationToken: cancellationToken)
            ? new HealthCheckResult(context.Registration.FailureStatus, $"The {Flag} flag is on: the cart reports itself not ready.")
            : HealthCheckResult.Healthy();
}
