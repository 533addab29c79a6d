using System.Diagnostics.Metrics;

namespace Platform.Messaging.Tests;

/// <summary>Counts <c>app.messaging.poison_messages</c> for one topic, as a metrics backend would sum it.</summary>
public sealed class PoisonMessageCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public PoisonMessageCounter(string topic)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.Name && instrument.Name == "app.messaging.poison_messages")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name" && Equals(tag.Value, topic))
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
