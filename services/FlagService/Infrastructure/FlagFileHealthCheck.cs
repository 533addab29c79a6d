using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlagService.Infrastructure;

/// <summary>
/// Degraded (still serving, so still ready) while the file on disk is rejected and older flags are in
/// force: an operator sees on <c>/health</c> that an edit did not apply, and why.
/// </summary>
public sealed class FlagFileHealthCheck(FlagFileStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Rejection is { } reason
            ? HealthCheckResult.Degraded($"The flag file {store.FilePath} is rejected ({reason}); the last good flags are in force.")
            : HealthCheckResult.Healthy($"{store.Current.Flags.Count} flags from {store.FilePath}."));
}
