using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the lifetime of the providers built by hand (there is no OpenTelemetry.Extensions.Hosting
/// here). Taking them in the constructor makes the host build them before the server accepts the
/// first request; flushing in <see cref="StoppedAsync"/> (after every hosted service, the web
/// server included, has stopped) sends the spans of the last requests. The container disposes the
/// providers afterwards, which shuts the exporters down.
/// </summary>
internal sealed class TelemetryProvidersLifetime(TracerProvider tracerProvider, MeterProvider meterProvider) : IHostedLifecycleService
{
    private const int FlushTimeoutMilliseconds = 5_000;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        tracerProvider.ForceFlush(FlushTimeoutMilliseconds);
        meterProvider.ForceFlush(FlushTimeoutMilliseconds);
        return Task.CompletedTask;
    }
}
