using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>What one task did: each HTTP request it made, whether it failed, and whether the route does not exist yet (404).</summary>
public enum RequestOutcome
{
    Success,
    Error,
    NotFound,
}

/// <summary>One row of the summary: a task's counts and latency percentiles (ms) over the run.</summary>
public sealed record TaskSummary(string Task, long Requests, long Errors, long NotFound, double RequestsPerSecond, int P50, int P95, int P99);

/// <summary>
/// Per-task request counts and latencies, for the summary table, and the same as metrics
/// (<c>app.loadgenerator.requests</c>, <c>app.loadgenerator.request.duration</c>) so the dashboard shows the traffic.
/// </summary>
public sealed class LoadStatistics
{
    public const string MeterName = "Platform.LoadGenerator";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "app.loadgenerator.request.duration", "s", "Latency of each request the simulated users make, by task and outcome.");

    private readonly Dictionary<string, Entry> _tasks = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Record(string task, TimeSpan latency, RequestOutcome outcome)
    {
        lock (_tasks)
        {
            if (!_tasks.TryGetValue(task, out var entry))
            {
                _tasks[task] = entry = new Entry();
            }
            entry.Latencies.Record(latency);
            entry.Errors += outcome == RequestOutcome.Error ? 1 : 0;
            entry.NotFound += outcome == RequestOutcome.NotFound ? 1 : 0;
        }
        Duration.Record(latency.TotalSeconds,
            new KeyValuePair<string, object?>("app.loadgenerator.task", task),
            new KeyValuePair<string, object?>("app.loadgenerator.outcome", outcome.ToString().ToLowerInvariant()));
    }

    /// <summary>One row per task that ran, in <paramref name="order"/>, plus a total row.</summary>
    public IReadOnlyList<TaskSummary> Summarize(IEnumerable<string> order, TimeSpan? elapsed = null)
    {
        var seconds = Math.Max((elapsed ?? _clock.Elapsed).TotalSeconds, 0.001);
        var total = new LatencyHistogram();
        long errors = 0, notFound = 0;
        var rows = new List<TaskSummary>();
        lock (_tasks)
        {
            foreach (var name in order.Where(_tasks.ContainsKey))
            {
                var e = _tasks[name];
                rows.Add(new TaskSummary(name, e.Latencies.Count, e.Errors, e.NotFound, e.Latencies.Count / seconds,
                    e.Latencies.Percentile(0.50), e.Latencies.Percentile(0.95), e.Latencies.Percentile(0.99)));
                total.Merge(e.Latencies);
                errors += e.Errors;
                notFound += e.NotFound;
            }
        }
        rows.Add(new TaskSummary("total", total.Count, errors, notFound, total.Count / seconds,
            total.Percentile(0.50), total.Percentile(0.95), total.Percentile(0.99)));
        return rows;
    }

    private sealed class Entry
    {
        public LatencyHistogram Latencies { get; } = new();
        public long Errors { get; set; }
        public long NotFound { get; set; }
    }
}
