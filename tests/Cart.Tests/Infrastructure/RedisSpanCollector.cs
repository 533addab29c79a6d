using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Cart.Tests.Infrastructure;

/// <summary>
/// Records the spans of OpenTelemetry's StackExchange.Redis instrumentation that stop while it is alive.
/// The instrumentation builds them from the profiler after the request's span has ended (about a
/// second later in the cart), so the assertions wait for them.
/// </summary>
public sealed class RedisSpanCollector : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public RedisSpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "OpenTelemetry.Instrumentation.StackExchangeRedis",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Waits until <paramref name="count"/> Redis spans are children of <paramref name="parent"/>; returns them by start time.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForChildrenAsync(Activity parent, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var children = _stopped.Where(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId).OrderBy(a => a.StartTimeUtc).ToList();
            if (children.Count >= count || DateTime.UtcNow > deadline)
            {
                return children;
            }
            await Task.Delay(50);
        }
    }

    public void Dispose() => _listener.Dispose();
}
