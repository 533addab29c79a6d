using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.FraudDetection.Tests.Infrastructure;

/// <summary>
/// Listens to instruments of one meter of one service instance (matched by its meter factory), as a metrics
/// backend would: counters summed, observable gauges read on demand.
/// </summary>
public sealed class InstrumentReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _observed = new();

    public InstrumentReader(IMeterFactory scope, string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument is ObservableInstrument<long>)
            {
                _observed.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
            else
            {
                _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of a counter since this reader started.</summary>
    public long Sum(string instrument) => _sums.GetValueOrDefault(instrument);

    /// <summary>Reads every observable instrument now and answers what <paramref name="instrument"/> reported.</summary>
    public IReadOnlyList<(long Value, Dictionary<string, object?> Tags)> Observe(string instrument)
    {
        lock (_listener)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            return [.. _observed.Where(o => o.Instrument == instrument).Select(o => (o.Value, o.Tags))];
        }
    }

    public void Dispose() => _listener.Dispose();
}
