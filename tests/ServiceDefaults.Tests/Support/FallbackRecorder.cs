using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Flags;
using Platform.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests.Support;

/// <summary>Listens to the app.feature_flag.fallbacks counter as an exporter would.</summary>
internal sealed class FallbackRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string? Key, string? ErrorType, long Value)> _measurements = new();

    public FallbackRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryNames.ServiceDefaultsMeter && instrument.Name == OfrepFeatureFlags.FallbackCounterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? key = null, errorType = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "feature_flag.key") key = tag.Value as string;
                if (tag.Key == "error.type") errorType = tag.Value as string;
            }

            _measurements.Enqueue((key, errorType, value));
        });
        _listener.Start();
    }

    public long Count(string key) => _measurements.Where(m => m.Key == key).Sum(m => m.Value);

    public IEnumerable<string?> ErrorTypes(string key) => _measurements.Where(m => m.Key == key).Select(m => m.ErrorType).Distinct();

    public void Dispose() => _listener.Dispose();
}
