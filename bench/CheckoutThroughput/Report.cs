// Figures print with the invariant culture: the repository builds with InvariantGlobalization.
namespace Platform.Bench.CheckoutThroughput;

/// <summary>One phase's figures.</summary>
public sealed record PhaseResult(PhaseKind Kind, TimeSpan Start, LoadResult Load, LagResult Lag, IReadOnlyList<(string Group, double Cores)> Cpu,
    SinkCounts? Received, string LoadAverage)
{
    public double CpuMsPerOrder => Cpu.Sum(c => c.Cores) * Load.Window.TotalMilliseconds / Math.Max(1, Load.Confirmed.Count);
}

/// <summary>Prints the phases and the summary against the issue's targets.</summary>
public static class Report
{
    public static void Phase(int number, PhaseResult phase)
    {
        var load = phase.Load;
        Line($"phase {number}: telemetry {Describe(phase.Kind)}, {load.Window.TotalSeconds:F0} s measured (Platform started in {phase.Start.TotalSeconds:F0} s; load average {phase.LoadAverage})");
        Line($"  confirmed orders/s {load.OrdersPerSecond,7:F1}   ({load.Confirmed.Count} orders)");
        Line($"  all requests       p50 {At(load.LatenciesMs, 0.50),6:F1} ms   p95 {At(load.LatenciesMs, 0.95),6:F1} ms   p99 {At(load.LatenciesMs, 0.99),6:F1} ms   max {At(load.LatenciesMs, 1),7:F1} ms   ({load.LatenciesMs.Count} requests)");
        Line($"  errors             {load.ErrorCount}{(load.ErrorCount > 0 ? " (" + string.Join(", ", load.Errors.Select(e => $"{e.Key}: {e.Value}")) + ")" : "")}");
        Line($"  ledger lag         p50 {At(phase.Lag.LagsMs, 0.50),6:F1} ms   p99 {At(phase.Lag.LagsMs, 0.99),6:F1} ms   max {At(phase.Lag.LagsMs, 1),7:F1} ms   not stored: {phase.Lag.Missing}   caught up {phase.Lag.CatchUp.TotalSeconds:F1} s after the load");
        if (phase.Received is { } r)
        {
            var seconds = load.Window.TotalSeconds;
            Line($"  OTLP received      {r.Spans / seconds:F0} spans/s, {r.MetricPoints / seconds:F0} metric points/s, {r.LogRecords / seconds:F0} log records/s, {r.Requests / seconds:F1} requests/s, {r.Bytes / seconds / 1024:F0} KiB/s");
            var orders = Math.Max(1, load.Confirmed.Count);
            Line($"  OTLP per order     {(double)r.Spans / orders:F1} spans, {(double)r.LogRecords / orders:F1} log records");
            if (r.Services.Count > 0)
            {
                Line("    " + string.Join("; ", r.Services.GroupBy(s => s.Service).Select(g => $"{g.Key}: " + string.Join(" ", g.Select(s => $"{s.Signal.ToLowerInvariant()} {s.Count}")))));
            }
        }

        Line("  CPU (cores)        " + string.Join("  ", phase.Cpu.Select(c => $"{c.Group} {c.Cores:F2}")) + $"  = {phase.Cpu.Sum(c => c.Cores):F2}");
        // CPU time per order holds even when other work shares the cores: where each order's cost goes.
        var perOrder = load.Window.TotalMilliseconds / Math.Max(1, load.Confirmed.Count);
        Line("  CPU ms per order   " + string.Join("  ", phase.Cpu.Select(c => $"{c.Group} {c.Cores * perOrder:F2}")) + $"  = {phase.CpuMsPerOrder:F2}");
    }

    public static void Summary(BenchOptions options, IReadOnlyList<PhaseResult> phases)
    {
        Line("");
        Line($"Summary: {options.Users} closed-loop users, add to cart + checkout through the storefront API, {phases.Count} of {options.Phases.Count} phases measured, {Environment.ProcessorCount} cores, load average now {LoadAverage.Now()}");
        var off = phases.Where(p => !p.Kind.TelemetryOn).ToList();
        var offRate = off.Count > 0 ? off.Average(p => p.Load.OrdersPerSecond) : double.NaN;
        foreach (var kind in phases.GroupBy(p => p.Kind.Label).OrderBy(g => g.First().Kind.TelemetryOn))
        {
            var runs = kind.ToList();
            var rate = runs.Average(p => p.Load.OrdersPerSecond);
            var latencies = runs.SelectMany(p => p.Load.LatenciesMs).Order().ToList();
            var p99 = At(latencies, 0.99);
            var versus = runs[0].Kind.TelemetryOn ? $"   on/off ratio {rate / offRate:F2}" : "";
            Line($"  {Describe(runs[0].Kind),-34} {rate,7:F1} confirmed orders/s ({runs.Count} phase(s))   p50 {At(latencies, 0.5):F1} ms   p99 {p99:F1} ms   errors {runs.Sum(p => p.Load.ErrorCount)}   CPU {runs.Average(p => p.CpuMsPerOrder):F1} ms/order{versus}");
        }

        // The issue's targets: "on" = every trace, metric and log exported to a receiver that costs little (the sink).
        var on = phases.Where(p => p.Kind is { Export: Export.Sink, SampleRatio: null }).ToList();
        if (on.Count > 0 && off.Count > 0)
        {
            var onRate = on.Average(p => p.Load.OrdersPerSecond);
            var p99 = At(on.SelectMany(p => p.Load.LatenciesMs).Order().ToList(), 0.99);
            var lags = on.SelectMany(p => p.Lag.LagsMs).Order().ToList();
            var missing = on.Sum(p => p.Lag.Missing);
            Line($"  target 1 (sink, all traces): ≥ 500 orders/s with p99 ≤ 100 ms: {Verdict(onRate >= 500 && p99 <= 100)} ({onRate:F1}/s, p99 {p99:F1} ms)");
            Line($"  target 2: on/off ratio ≥ 0.85: {Verdict(onRate / offRate >= 0.85)} ({onRate / offRate:F2})");
            Line($"  target 3: ledger lag p99 ≤ 1000 ms, none missing: {Verdict(At(lags, 0.99) <= 1000 && missing == 0)} (p50 {At(lags, 0.5):F1} ms, p99 {At(lags, 0.99):F1} ms, not stored {missing})");
        }

        Line($"Re-run: {options.CommandLine()}");
    }

    private static string Describe(PhaseKind kind) => kind.Export switch
    {
        Export.Off => "OFF",
        Export.Sink => "ON → OTLP sink",
        _ => "ON → AppHost's Aspire dashboard",
    } + (kind.SampleRatio is { } r ? $", traces sampled at {r}" : kind.TelemetryOn ? ", every trace" : "");

    /// <summary>Nearest-rank percentile of sorted samples (q = 1 is the maximum).</summary>
    private static double At(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static void Line(string text) => Console.WriteLine(text);
}
