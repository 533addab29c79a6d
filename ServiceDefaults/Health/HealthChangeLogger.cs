using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Logs a health check when its status changes, not at every probe. ASP.NET's health check service logs
/// each unhealthy result at Error level, so every probe of a service that is starting (Accounting while it
/// migrates) or held unready (the failedReadinessProbe incident) wrote an error: red counts on the
/// dashboard for a normal start, and one error line per probe during an incident. Here a check that turns
/// unhealthy or degraded is one Warning with its reason, and its recovery one Information line.
/// </summary>
internal sealed partial class HealthChangeLogger(ILogger<HealthChangeLogger> logger) : IHealthCheckPublisher
{
    // The last status seen per check; a check not seen yet counts as healthy, so a start that is healthy by
    // the first publication logs nothing.
    private readonly Dictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (_last)
        {
            foreach (var (name, entry) in report.Entries)
            {
                var previous = _last.GetValueOrDefault(name, HealthStatus.Healthy);
                _last[name] = entry.Status;
                if (entry.Status == previous)
                {
                    continue;
                }
                if (entry.Status == HealthStatus.Healthy)
                {
                    HealthyAgain(logger, name, previous);
                }
                else
                {
                    NotHealthy(logger, entry.Exception, name, entry.Status, entry.Description ?? entry.Exception?.Message ?? "no description");
                }
            }
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 9101, EventName = "HealthCheckNotHealthy", Level = LogLevel.Warning,
        Message = "Health check {HealthCheck} is {Status}: {Reason}")]
    private static partial void NotHealthy(ILogger logger, Exception? exception, string healthCheck, HealthStatus status, string reason);

    [LoggerMessage(EventId = 9102, EventName = "HealthCheckHealthyAgain", Level = LogLevel.Information,
        Message = "Health check {HealthCheck} is Healthy again (was {Previous}).")]
    private static partial void HealthyAgain(ILogger logger, string healthCheck, HealthStatus previous);
}
