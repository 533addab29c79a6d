// Accounting's order-to-ledger lag at a steady publish rate, and its recovery after kill -9.
//
// Starts the whole Platform through the testing API (the AppHost's model, free ports, a temporary data
// directory), then acts as Checkout: publishes OrderPlaced events to Kafka (idempotent, acks=all) at a
// steady rate. Lag of an order = the moment its row is first visible in PostgreSQL to another connection
// (committed; polled every 10 ms) − the moment Kafka acknowledged its event (when Checkout confirms the
// order to the shopper). Phase 1 measures the lag at the steady rate. Phase 2 keeps publishing, kill -9s
// Accounting (SIGKILL to the process DCP reports and everything under it), lets a backlog build, restarts
// it with Aspire's start command, and prints the time from the restart until rows are stored again and
// until the backlog is drained. Last, it checks that every acknowledged order is in the ledger exactly once.
//
// Usage: dotnet run -c Release --project bench/AccountingRecovery [-- seconds rate down]   (default 20 500 5)
using System.Diagnostics;
using System.Globalization;
using AccountingRecovery;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;

var steadySeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
var downSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
const int WarmupSeconds = 5; // JIT, connection pools, first group join: not counted

var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-ledger-" + Guid.NewGuid().ToString("N"));
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--LocalServers:DataDirectory={dataDirectory}", "--LoadGenerator:Enabled=false"]);
await using var app = await builder.BuildAsync();
using (var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
{
    await app.StartAsync(startTimeout.Token);
    var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Where(r => r is not ParameterResource)
        .Where(r => !app.ResourceNotifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden);
    await Task.WhenAll(resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, startTimeout.Token)));
}

var ledgerConnection = (await app.GetConnectionStringAsync(ResourceNames.AccountingDb))!;
using var publisher = new OrderPublisher((await app.GetConnectionStringAsync(ResourceNames.Kafka))!);
var watcher = new LedgerWatcher(ledgerConnection, publisher.Pending);
using var stopAll = new CancellationTokenSource();
var watching = watcher.RunAsync(stopAll.Token);
var publishing = publisher.RunAsync(rate, stopAll.Token);

// Phase 1: steady rate.
await Task.Delay(TimeSpan.FromSeconds(WarmupSeconds));
var steadyFrom = Stopwatch.GetTimestamp();
await Task.Delay(TimeSpan.FromSeconds(steadySeconds));
var steadyTo = Stopwatch.GetTimestamp();
await Task.Delay(TimeSpan.FromSeconds(3)); // the last orders of the window reach the ledger
var lags = publisher.Confirmed.Where(c => c.Value >= steadyFrom && c.Value < steadyTo)
    .Select(c => watcher.Seen.TryGetValue(c.Key, out var seen) ? Stopwatch.GetElapsedTime(c.Value, seen).TotalMilliseconds : double.PositiveInfinity)
    .ToList();

// Phase 2: kill -9 under the same load, restart, recover.
var killedAt = Stopwatch.GetTimestamp();
Faults.Kill(app, ResourceNames.Accounting);
await Faults.WaitUntilDownAsync(app, ResourceNames.Accounting);
await Task.Delay(TimeSpan.FromSeconds(downSeconds));
var backlog = publisher.Pending.Count;
var restartAt = Stopwatch.GetTimestamp();
var start = await app.ResourceCommands.ExecuteCommandAsync(ResourceNames.Accounting, KnownResourceCommands.StartCommand);
if (!start.Success)
{
    throw new InvalidOperationException($"start accounting: {start.Message}");
}
using (var healthy = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
{
    // Through a stale "Exited": a late event of the killed process can follow the new one's "Starting".
    await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Accounting, WaitBehavior.WaitOnResourceUnavailable, healthy.Token);
}
var healthyAt = Stopwatch.GetTimestamp();
long? storingAgainAt = null;
var recoveryDeadline = DateTime.UtcNow.AddMinutes(2);
while ((storingAgainAt = watcher.FirstSeenAfter(restartAt)) is null && DateTime.UtcNow < recoveryDeadline)
{
    await Task.Delay(20);
}
// Drained: no acknowledged order older than 1 s is missing from the ledger.
long? drainedAt = null;
while (DateTime.UtcNow < recoveryDeadline)
{
    var oldest = publisher.Pending.Values.DefaultIfEmpty(long.MaxValue).Min();
    if (oldest == long.MaxValue || Stopwatch.GetElapsedTime(oldest) < TimeSpan.FromSeconds(1))
    {
        drainedAt = Stopwatch.GetTimestamp();
        break;
    }
    await Task.Delay(20);
}

await stopAll.CancelAsync();
await publishing;
await watching;
var check = await ExactlyOnceCheck.RunAsync(ledgerConnection, publisher.Totals, TimeSpan.FromSeconds(60));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Accounting on the whole Platform (loopback), OrderPlaced published as Checkout does at {rate}/s:"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  order-to-ledger lag over {steadySeconds} s ({lags.Count} orders; Kafka ack -> row committed, +-10 ms):"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    p50 {Pct(lags, 0.50),7:F0} ms   p90 {Pct(lags, 0.90),7:F0} ms   p99 {Pct(lags, 0.99),7:F0} ms   max {Pct(lags, 1),7:F0} ms   not stored {lags.Count(double.IsInfinity)}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  kill -9 of accounting, {downSeconds} s down under load: backlog {backlog} order(s) at the restart"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    restart -> healthy                 {Seconds(restartAt, healthyAt)}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    restart -> rows stored again       {Seconds(restartAt, storingAgainAt)}   (target <= 10 s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    restart -> backlog drained (< 1 s) {Seconds(restartAt, drainedAt)}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    kill -> rows stored again          {Seconds(killedAt, storingAgainAt)}"));
Console.WriteLine(check);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Re-run: dotnet run -c Release --project bench/AccountingRecovery -- {steadySeconds} {rate} {downSeconds}"));

try
{
    Directory.Delete(dataDirectory, recursive: true);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    // A server still stopping; the directory is in /tmp.
}

static double Pct(List<double> samples, double q)
{
    if (samples.Count == 0)
    {
        return double.NaN;
    }
    var sorted = samples.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string Seconds(long from, long? to) =>
    to is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(from, t).TotalSeconds,6:F1} s") : " never (2 min)";
