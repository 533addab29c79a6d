using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost;

/// <summary>
/// A service's health as Aspire's <c>WithHttpHealthCheck(path)</c> checks it (healthy when the path answers
/// 200), but noticed within a tenth of a second while the service starts. Aspire backs off between failed
/// checks (1, 2, 3, 4, 5 s): a service that becomes healthy just after a check is seen seconds later, and
/// every <c>WaitFor</c> behind it starts that much later too. So for its first seconds after each start the
/// check keeps probing every 100 ms within one call; afterwards it probes once per call, as Aspire's does,
/// so a service that stays unhealthy (the failedReadinessProbe incident) is not polled hard.
/// </summary>
internal static class ServiceHealthCheckExtensions
{
    private static readonly TimeSpan StartWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollWindow = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // Its own client: no logging handler (a refused probe during the start is expected, not news).
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> builder, string path)
    {
        var endpoint = builder.GetEndpoint("http");
        var target = new ProbeTarget();
        // Again at every start (restart command, kill and start): the fast window opens anew.
        builder.OnBeforeResourceStarted((_, _, _) =>
        {
            target.Started(new Uri(new Uri(endpoint.Url, UriKind.Absolute), path));
            return Task.CompletedTask;
        });

        var key = $"{builder.Resource.Name}_http_{path}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new ServiceHealthCheck(target), HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }

    /// <summary>Where to probe, and whether the service is still in its start (not healthy yet since it started).</summary>
    private sealed class ProbeTarget
    {
        private readonly Lock _lock = new();
        private Uri? _uri;
        private long _startedAt;
        private bool _healthySinceStart;

        public void Started(Uri uri)
        {
            lock (_lock)
            {
                (_uri, _startedAt, _healthySinceStart) = (uri, Stopwatch.GetTimestamp(), false);
            }
        }

        public (Uri? Uri, bool Starting) Current()
        {
            lock (_lock)
            {
                return (_uri, !_healthySinceStart && Stopwatch.GetElapsedTime(_startedAt) < StartWindow);
            }
        }

        public void Healthy()
        {
            lock (_lock)
            {
                _healthySinceStart = true;
            }
        }
    }

    private sealed class ServiceHealthCheck(ProbeTarget target) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var (uri, starting) = target.Current();
            if (uri is null)
            {
                return HealthCheckResult.Unhealthy("Not started yet.");
            }
            var polling = Stopwatch.StartNew();
            while (true)
            {
                var result = await ProbeOnceAsync(uri, cancellationToken);
                if (result.Status == HealthStatus.Healthy)
                {
                    target.Healthy();
                    return result;
                }
                if (!starting || polling.Elapsed + PollInterval >= PollWindow)
                {
                    return result;
                }
                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        private static async Task<HealthCheckResult> ProbeOnceAsync(Uri uri, CancellationToken cancellationToken)
        {
            try
            {
                using var response = await Probe.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return response.StatusCode == System.Net.HttpStatusCode.OK
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{uri} answered {(int)response.StatusCode}.");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{uri} did not answer: {e.Message}", e);
            }
        }
    }
}
