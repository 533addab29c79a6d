using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Messaging.Tests;

/// <summary>Records every stopped span of <c>Platform.Messaging</c> while alive.</summary>
public sealed class ActivityCollector : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped(string topic) =>
        _stopped.Where(a => (string?)a.GetTagItem("messaging.destination.name") == topic).ToList();

    public void Dispose() => _listener.Dispose();
}
