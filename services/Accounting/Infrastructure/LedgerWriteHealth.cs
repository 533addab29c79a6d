using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Accounting.Infrastructure;

/// <summary>
/// Whether the last attempt to store a batch worked. While PostgreSQL is away the consumer retries the
/// same batch with backoff; this makes that visible on <c>/health</c> (and so on the dashboard and to
/// Kubernetes' readiness probe) until a batch is stored again.
/// </summary>
public sealed class LedgerWriteHealth(TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _failingSince;
    private string? _lastError;

    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            _lastError = null;
        }
    }

    public void Failed(Exception error)
    {
        lock (_gate)
        {
            if (_failures++ == 0)
            {
                _failingSince = time.GetUtcNow();
            }
            _lastError = $"{error.GetType().Name}: {error.Message}";
        }
    }

    public (int Failures, DateTimeOffset Since, string? LastError) Current
    {
        get
        {
            lock (_gate)
            {
                return (_failures, _failingSince, _lastError);
            }
        }
    }
}

/// <summary>Unhealthy while storing batches fails (they are retried, their offsets not committed).</summary>
public sealed class LedgerWriteHealthCheck(LedgerWriteHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (failures, since, lastError) = health.Current;
        return Task.FromResult(failures == 0
            ? HealthCheckResult.Healthy("Orders are being stored.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"Storing orders has failed {failures} time(s) in a row since {since:O}; retrying with backoff, offsets not committed. Last error: {lastError}"));
    }
}
