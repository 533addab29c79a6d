using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Records the server spans ("Microsoft.AspNetCore") that stop while it is alive.</summary>
public sealed class ServerSpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ServerSpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Waits (up to 5 s) for a stopped span matching <paramref name="match"/>: the span stops just after the response is sent.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var found = _stopped.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(20);
        }

        throw new TimeoutException("No matching server span was recorded.");
    }

    public void Dispose() => _listener.Dispose();
}
