using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace ServiceDefaults.Tests.Support;

/// <summary>Keeps exported spans in memory; unlike the InMemory exporter's list, safe to read while spans arrive.</summary>
internal sealed class CollectingExporter : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> Spans => [.. _spans];

    public IEnumerable<Activity> InTrace(ActivityTraceId traceId) => Spans.Where(s => s.TraceId == traceId);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            _spans.Enqueue(span);
        }

        return ExportResult.Success;
    }
}
