using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.FraudDetection.Infrastructure;

/// <summary>Ready once the cluster answered the last lag query (so Kafka is reachable and the gauge is current).</summary>
public sealed class ConsumerLagHealthCheck(ConsumerLagMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.Problem is { } problem
            ? new HealthCheckResult(context.Registration.FailureStatus, problem)
            : HealthCheckResult.Healthy("The consumer lag is measured."));
}
