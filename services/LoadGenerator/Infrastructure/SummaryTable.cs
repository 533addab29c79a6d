using System.Globalization;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>The summary table a run ends with: requests/s, errors, 404s and p50/p95/p99 per task (ms).</summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["task", "requests", "req/s", "errors", "404", "p50 ms", "p95 ms", "p99 ms"];

    public static string Format(IReadOnlyList<TaskSummary> rows, TimeSpan elapsed, int users)
    {
        var inv = CultureInfo.InvariantCulture;
        var cells = rows.Select(r => new[]
        {
            r.Task, r.Requests.ToString(inv), r.RequestsPerSecond.ToString("0.00", inv), r.Errors.ToString(inv),
            r.NotFound.ToString(inv), r.P50.ToString(inv), r.P95.ToString(inv), r.P99.ToString(inv),
        }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        var lines = new List<string>
        {
            $"{users} users, {elapsed.TotalSeconds.ToString("0.0", inv)} s",
            Line(Headers, widths),
            string.Join("  ", widths.Select(w => new string('-', w))),
        };
        lines.AddRange(cells.Select(c => Line(c, widths)));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    // The task name left-aligned, the figures right-aligned so their digits line up.
    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
