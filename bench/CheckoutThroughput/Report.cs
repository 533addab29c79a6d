// Figures print with the invariant culture: the repository builds with InvariantGlobalization.
namespace Platform.Bench.CheckoutThroughput;

/// <summary>One phase's figures.</summary>
public sealed record PhaseResult(bool TelemetryOn, LoadResult Load, LagResult Lag, IReadOnlyList<(string Group, double Cores)> Cpu, SinkCounts? Received);

/// <summary>Prints the phases and the summary against the issue's targets.</summary>
public static class Report
{
    public static void Phase(int number, PhaseResult phase, string receiver)
    {
        var load = phase.Load;
        Line($"phase {number}: telemetry {(phase.TelemetryOn ? "ON → " + receiver : "OFF")}, {load.Window.TotalSeconds:F0} s measured");
        Line($"  confirmed orders/s {load.OrdersPerSecond,7:F1}   ({load.Confirmed.Count} orders)");
        Line($"  all requests       p50 {At(load.LatenciesMs, 0.50),6:F1} ms   p95 {At(load.LatenciesMs, 0.95),6:F1} ms   p99 {At(load.LatenciesMs, 0.99),6:F1} ms   max {At(load.LatenciesMs, 1),7:F1} ms   ({load.LatenciesMs.Count} requests)");
        Line($"  errors             {load.ErrorCount}{(load.ErrorCount > 0 ? " (" + string.Join(", ", load.Errors.Select(e => $"{e.Key}: {e.Value}")) + ")" : "")}");
        Line($"  ledger lag         p50 {At(phase.Lag.LagsMs, 0.50),6:F1} ms   p99 {At(phase.Lag.LagsMs, 0.99),6:F1} ms   max {At(phase.Lag.LagsMs, 1),7:F1} ms   not stored: {phase.Lag.Missing}   caught up {phase.Lag.CatchUp.TotalSeconds:F1} s after the load");
        if (phase.Received is { } r)
        {
            var seconds = load.Window.TotalSeconds;
            Line($"  OTLP received      {r.Spans / seconds:F0} spans/s, {r.MetricPoints / seconds:F0} metric points/s, {r.LogRecords / seconds:F0} log records/s, {r.Requests / seconds:F1} requests/s, {r.Bytes / seconds / 1024:F0} KiB/s");
            if (r.Services.Count > 0)
            {
                Line("    " + string.Join("; ", r.Services.GroupBy(s => s.Service).Select(g => $"{g.Key}: " + string.Join(" ", g.Select(s => $"{s.Signal.ToLowerInvariant()} {s.Count}")))));
            }
        }

        Line("  CPU (cores)        " + string.Join("  ", phase.Cpu.Select(c => $"{c.Group} {c.Cores:F2}")) + $"  = {phase.Cpu.Sum(c => c.Cores):F2}");
        // CPU time per order holds even when other work shares the cores: where each order's cost goes.
        var orders = Math.Max(1, load.Confirmed.Count);
        Line("  CPU ms per order   " + string.Join("  ", phase.Cpu.Select(c => $"{c.Group} {c.Cores * load.Window.TotalMilliseconds / orders:F2}")) + $"  = {phase.Cpu.Sum(c => c.Cores) * load.Window.TotalMilliseconds / orders:F2}");
    }

    public static void Summary(BenchOptions options, IReadOnlyList<PhaseResult> phases, string receiver)
    {
        var on = phases.Where(p => p.TelemetryOn).ToList();
        var off = phases.Where(p => !p.TelemetryOn).ToList();
        var onRate = on.Average(p => p.Load.OrdersPerSecond);
        var offRate = off.Average(p => p.Load.OrdersPerSecond);
        var onLatencies = on.SelectMany(p => p.Load.LatenciesMs).Order().ToList();
        var lags = on.SelectMany(p => p.Lag.LagsMs).Order().ToList();
        var ratio = onRate / offRate;
        var p99 = At(onLatencies, 0.99);
        var lagP99 = At(lags, 0.99);
        Line("");
        Line($"Summary: {options.Users} closed-loop users, add to cart + checkout through the storefront API, {on.Count} phase(s) with telemetry on ({receiver}{(options.SampleRatio is { } s ? $", traces sampled at {s}" : "")}) and {off.Count} off, {Environment.ProcessorCount} cores");
        Line($"  telemetry on       {onRate,7:F1} confirmed orders/s   p50 {At(onLatencies, 0.5):F1} ms   p95 {At(onLatencies, 0.95):F1} ms   p99 {p99:F1} ms   errors {on.Sum(p => p.Load.ErrorCount)}   target ≥ 500/s, p99 ≤ 100 ms: {Verdict(onRate >= 500 && p99 <= 100)}");
        Line($"  telemetry off      {offRate,7:F1} confirmed orders/s   p99 {At(off.SelectMany(p => p.Load.LatenciesMs).Order().ToList(), 0.99):F1} ms   errors {off.Sum(p => p.Load.ErrorCount)}");
        Line($"  on/off ratio       {ratio:F2}   target ≥ 0.85: {Verdict(ratio >= 0.85)}");
        Line($"  ledger lag (on)    p50 {At(lags, 0.5):F1} ms   p99 {lagP99:F1} ms   not stored {on.Sum(p => p.Lag.Missing)}   target p99 ≤ 1000 ms: {Verdict(lagP99 <= 1000 && on.Sum(p => p.Lag.Missing) == 0)}");
        Line($"Re-run: {options.CommandLine()}");
    }

    /// <summary>Nearest-rank percentile of sorted samples (q = 1 is the maximum).</summary>
    private static double At(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static void Line(string text) => Console.WriteLine(text);
}
