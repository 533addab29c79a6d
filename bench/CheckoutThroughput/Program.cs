// Checkout throughput, telemetry overhead and order-to-ledger lag on the whole Platform (loopback, this
// machine's cores), in one run: phases with telemetry exported (to bench/OtlpSink, or to the Aspire
// dashboard with --receiver dashboard) alternate with phases without, the services restarted between
// phases so each starts alike. Each phase: warm-up, then N s of closed-loop shoppers measured.
// Usage: dotnet run -c Release --project bench/CheckoutThroughput [-- --duration 30 --warmup 10 --rounds 2 --users 16 --receiver sink|dashboard --sample-ratio r]
using System.Diagnostics;
using System.Net.Http.Json;
using Platform.Bench.CheckoutThroughput;

var options = BenchOptions.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

var phases = options.Phases();
var telemetry = new TelemetrySwitch { SampleRatio = options.SampleRatio };
await using var receiver = await ReceiverProcess.StartAsync(options.Receiver, ct);
var receiverName = options.Receiver == ReceiverKind.Sink ? "OTLP sink" : "Aspire dashboard";
telemetry.Receiver = phases[0] ? receiver.GrpcEndpoint : null;
Console.WriteLine($"Starting the Platform (telemetry {(telemetry.On ? "on" : "off")}) ...");
await using var platform = await PlatformUnderTest.StartAsync(telemetry, ct);
var cpu = new ProcessCpu(ProcessGroups.Recogniser(platform, receiver));

using var shop = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
{
    BaseAddress = platform.FrontendAddress,
    Timeout = TimeSpan.FromSeconds(30),
};
using var counts = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var products = (await shop.GetFromJsonAsync<List<ProductId>>("/api/products", ct))!.Select(p => p.Id).ToList();
var ledger = await platform.LedgerConnectionStringAsync(ct);

var results = new List<PhaseResult>();
for (var i = 0; i < phases.Count; i++)
{
    if (i > 0)
    {
        telemetry.Receiver = phases[i] ? receiver.GrpcEndpoint : null;
        Console.WriteLine($"Restarting the services with telemetry {(telemetry.On ? "on" : "off")} ...");
        await platform.RestartServicesAsync(ct);
    }

    await Readiness.FirstOrderAsync(shop, products[0], ct);
    var measureFrom = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
    var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
    var running = new ClosedLoopLoad(shop, options.Users, products).RunAsync(measureFrom, measureTo, ct);

    await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom), ct);
    var cpuBefore = cpu.Snapshot();
    var receivedBefore = await receiver.ReadCountsAsync(counts, ct);
    await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureTo), ct);
    var cpuAfter = cpu.Snapshot();
    var receivedAfter = await receiver.ReadCountsAsync(counts, ct);

    var load = await running;
    var lag = await LedgerLag.MeasureAsync(ledger, load.Confirmed, TimeSpan.FromMinutes(2), ct);
    var phase = new PhaseResult(phases[i], load, lag, ProcessCpu.Cores(cpuBefore, cpuAfter, options.Duration), receivedAfter?.Since(receivedBefore));
    results.Add(phase);
    Report.Phase(i + 1, phase, receiverName);
}

Report.Summary(options, results, receiverName);

internal sealed record ProductId(string Id);
