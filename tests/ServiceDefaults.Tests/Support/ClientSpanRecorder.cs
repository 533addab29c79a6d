using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServiceDefaults.Tests.Support;

/// <summary>
/// Records the client spans .NET's HttpClient makes, under a root activity of the test's own, so a
/// test sees only the spans of its own calls.
/// </summary>
internal sealed class ClientSpanRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("ServiceDefaults.Tests.Client");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public ClientSpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "System.Net.Http" or "ServiceDefaults.Tests.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test activity was not sampled.");
    }

    public IReadOnlyList<Activity> ClientSpans =>
        [.. _stopped.Where(a => a.TraceId == _root.TraceId && a.Source.Name == "System.Net.Http" && a.Kind == ActivityKind.Client)];

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
