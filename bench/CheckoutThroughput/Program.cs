// Checkout throughput, telemetry overhead and order-to-ledger lag on the whole Platform (loopback, this
// machine's cores), in one run: phases with telemetry exported (to bench/OtlpSink, or to the AppHost's own
// Aspire dashboard) alternate with phases without. Each phase starts the whole Platform afresh (its own
// DCP, servers, data directory), so every phase starts alike and a phase that fails cannot stop the next.
// Each phase: one order through, warm-up, then N s of closed-loop shoppers measured, then the ledger lag.
// The services run with the AppHost launch profile's runtime settings, as in `dotnet run --project AppHost`.
// Usage: dotnet run -c Release --project bench/CheckoutThroughput [-- --duration 30 --warmup 60 --rounds 2 --users 16
//        --receiver sink|dashboard --sample-ratio r | --phases sink,off,off,sink,sink@0.1,dashboard]
//        [--runtime launch-profile|default] [--perf DIR]
using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Bench.CheckoutThroughput;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

var runtime = options.LaunchProfileRuntime ? LaunchProfileRuntime.Apply() : new Dictionary<string, string>();
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage.Now()}; phases: {string.Join(", ", options.Phases.Select(p => p.Label))}; " +
    $"services' runtime settings: {(runtime.Count == 0 ? "the runtime's defaults" : string.Join(" ", runtime.Select(s => $"{s.Key}={s.Value}")) + " (AppHost launch profile)")}");
await using var sink = options.Phases.Any(p => p.Export == Export.Sink) ? await ReceiverProcess.StartAsync(ct) : null;
using var counts = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var results = new List<PhaseResult>();
var profiled = options.PerfDirectory is null || !PerfProfile.Available;
for (var i = 0; i < options.Phases.Count; i++)
{
    var kind = options.Phases[i];
    var profile = !profiled && kind.TelemetryOn;
    profiled |= profile;
    Console.WriteLine($"phase {i + 1}/{options.Phases.Count} ({kind.Label}): starting the Platform, load average {LoadAverage.Now()} ...");
    try
    {
        var phase = await RunPhaseAsync(kind, profile);
        results.Add(phase);
        Report.Phase(i + 1, phase);
    }
    catch (Exception e) when (!ct.IsCancellationRequested)
    {
        // The next phase starts its own Platform: one failure costs one phase, never the run.
        Console.WriteLine($"phase {i + 1} ({kind.Label}) FAILED: {e.GetType().Name}: {e.Message}");
    }
}

Report.Summary(options, results);
return results.Count == options.Phases.Count ? 0 : 1;

async Task<PhaseResult> RunPhaseAsync(PhaseKind kind, bool profile)
{
    var starting = Stopwatch.StartNew();
    await using var platform = await PlatformUnderTest.StartAsync(new TelemetrySwitch(kind, sink?.GrpcEndpoint, options.PerfDirectory is not null),
        dashboard: kind.Export == Export.Dashboard, TimeSpan.FromMinutes(10), ct);
    var started = starting.Elapsed;
    var cpu = new ProcessCpu(ProcessGroups.Recogniser(platform, sink));
    using var shop = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = platform.FrontendAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
    var products = (await shop.GetFromJsonAsync<List<ProductId>>("/api/products", ct))!.Select(p => p.Id).ToList();
    var ledger = await platform.LedgerConnectionStringAsync(ct);

    await Readiness.FirstOrderAsync(shop, products[0], ct);
    var loadBefore = LoadAverage.Now();
    var measureFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
    var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
    var running = new ClosedLoopLoad(shop, options.Users, products).RunAsync(measureFrom, measureTo, ct);

    await DelayUntilAsync(measureFrom, ct);
    var cpuBefore = cpu.Snapshot();
    var receivedBefore = kind.Export == Export.Sink ? await sink!.ReadCountsAsync(counts, ct) : null;
    PerfProfile? perf = null;
    if (profile)
    {
        perf = new PerfProfile(options.PerfDirectory!, cpu.Find(platform.Projects.ToHashSet()));
        perf.Start(options.Duration);
    }

    await DelayUntilAsync(measureTo, ct);
    var cpuAfter = cpu.Snapshot();
    var receivedAfter = kind.Export == Export.Sink ? await sink!.ReadCountsAsync(counts, ct) : null;
    var loadAfter = LoadAverage.Now();

    var load = await running;
    if (perf is not null)
    {
        await perf.ReportAsync(12, ct);
    }

    var lag = await LedgerLag.MeasureAsync(ledger, load.Confirmed, TimeSpan.FromMinutes(2), ct);
    return new PhaseResult(kind, started, load, lag, ProcessCpu.Cores(cpuBefore, cpuAfter, options.Duration),
        receivedAfter?.Since(receivedBefore), $"{loadBefore} → {loadAfter}");
}

// A moment already past (--warmup 0) is no wait: Task.Delay refuses a negative time.
static Task DelayUntilAsync(long timestamp, CancellationToken ct) =>
    Task.Delay(TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp).Ticks)), ct);

internal sealed record ProductId(string Id);

