// Measures `dotnet run --project AppHost --no-build` as a user runs it, N times (default 5) on one data
// directory (the first run creates it: initdb; it is reported apart from the medians):
//   - time from launch to the AppHost's summary (every resource healthy) and to the first purchase
//     (add to cart + checkout through the printed storefront URL, answered 200);
//   - memory of everything after 5 s idle: the AppHost, DCP, the dashboard, PostgreSQL, Redis and every
//     service (the `dotnet run` process tree): RSS, and PSS (shared pages counted once, the honest sum);
// then stops it with SIGINT (Ctrl+C) and checks nothing of it is left. Prints medians against the targets.
// Usage (build AppHost first): dotnet run --project bench/AppHostStartup [-- runs]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var root = FindRepositoryRoot();
var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-apphost-" + Guid.NewGuid().ToString("N"));
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var results = new List<Run>();

for (var run = 0; run <= runs; run++)
{
    var info = new ProcessStartInfo("setsid") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
    // setsid: dotnet run and the AppHost in a process group of their own, signalled as a terminal's Ctrl+C
    // would. A bench started in the background hands its children SIGINT ignored: perl puts it back.
    foreach (var argument in new[] { "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!", "dotnet", "run", "--project", "AppHost", "--no-build" })
    {
        info.ArgumentList.Add(argument);
    }
    info.Environment["LocalServers__DataDirectory"] = dataDirectory;
    var storefront = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
    var clock = Stopwatch.StartNew();
    using var appHost = Process.Start(info)!;
    appHost.OutputDataReceived += (_, e) =>
    {
        if (e.Data is not null && Regex.Match(e.Data, @"^\s+Storefront\s+(\S+)") is { Success: true } match)
        {
            storefront.TrySetResult(new Uri(match.Groups[1].Value));
        }
    };
    appHost.ErrorDataReceived += (_, _) => { };
    appHost.BeginOutputReadLine();
    appHost.BeginErrorReadLine();
    try
    {
        var shop = await storefront.Task.WaitAsync(TimeSpan.FromMinutes(4));
        var healthy = clock.Elapsed.TotalSeconds;
        await PurchaseAsync(http, shop);
        var purchased = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(5)); // idle
        var tree = StartedBy(appHost.Id);
        var (rss, pss) = (tree.Sum(p => Kilobytes(p, "status", "VmRSS:")) / 1024.0, tree.Sum(p => Kilobytes(p, "smaps_rollup", "Pss:")) / 1024.0);
        var label = run == 0 ? "fresh" : $"run {run}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-6}: healthy {healthy,5:0.0} s, first purchase {purchased,5:0.0} s; idle PSS {pss,6:0} MB, RSS {rss,6:0} MB over {tree.Count} processes"));
        if (run > 0)
        {
            results.Add(new Run(healthy, purchased, pss, rss, tree.Count));
        }
        Kill(GroupOf(appHost.Id), 2); // SIGINT to the process group of dotnet run and the AppHost, as Ctrl+C in a terminal
        if (!appHost.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            Console.WriteLine($"{label}: the AppHost did not stop within 60 s of Ctrl+C");
        }
        // DCP stops what it started once the AppHost is gone: give it up to 30 s.
        var left = tree;
        for (var wait = 0; wait < 60 && (left = [.. tree.Where(p => Directory.Exists($"/proc/{p}"))]).Count > 0; wait++)
        {
            await Task.Delay(500);
        }
        Console.WriteLine(left.Count == 0 ? $"{label}: stopped, no process left" : $"{label}: {left.Count} processes left after Ctrl+C: {string.Join(' ', left)}");
    }
    catch (Exception e)
    {
        Console.WriteLine($"run {run}: failed: {e.Message}");
        foreach (var pid in StartedBy(appHost.Id))
        {
            using var kill = Process.Start("kill", ["-9", pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}

if (results.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {results.Count} runs with kept data (machine: {Environment.ProcessorCount} cores):"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  launch to every resource healthy  {Median(results.Select(r => r.Healthy)),6:0.0} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  launch to first purchase          {Median(results.Select(r => r.Purchased)),6:0.0} s   (target <= 10 s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle memory, PSS                  {Median(results.Select(r => r.Pss)),6:0} MB  (target <= 1536 MB)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle memory, RSS (shared counted per process) {Median(results.Select(r => r.Rss)),6:0} MB over {results[0].Processes} processes"));
}
try
{
    Directory.Delete(dataDirectory, recursive: true);
}
catch (IOException)
{
    // Left in /tmp.
}

static async Task PurchaseAsync(HttpClient http, Uri shop)
{
    var userId = $"bench-{Guid.NewGuid():N}";
    using var add = await http.PostAsJsonAsync(new Uri(shop, $"/api/cart/{userId}/items"), new { productId = "66VCHSJNUP", quantity = 1 });
    add.EnsureSuccessStatusCode();
    using var checkout = await http.PostAsJsonAsync(new Uri(shop, "/api/checkout"), new
    {
        userId,
        email = "bench@example.com",
        currency = "USD",
        address = new { street = "1 Observatory Road", city = "Flagstaff", state = "AZ", country = "US", zip = "86001" },
        card = new { number = "4432801561520454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 3 },
    });
    checkout.EnsureSuccessStatusCode();
}

// What the AppHost started: its process tree, and DCP's (DCP runs detached in its own session and watches the
// AppHost's pid, `dcp start-apiserver --monitor PID`), with the servers and services under it.
static List<int> StartedBy(int rootPid)
{
    var tree = ProcessTree(rootPid);
    var dcp = Directory.GetDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
        .Where(pid => pid > 0)
        .Where(pid => CommandLine(pid) is var command && command.Contains("/dcp\0", StringComparison.Ordinal)
            && tree.Any(p => command.Contains($"--monitor\0{p}\0", StringComparison.Ordinal)));
    return [.. tree.Concat(dcp.SelectMany(ProcessTree)).Distinct()];
}

static string CommandLine(int pid)
{
    try
    {
        return File.ReadAllText($"/proc/{pid}/cmdline");
    }
    catch (IOException)
    {
        return "";
    }
}

static int GroupOf(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], CultureInfo.InvariantCulture);
}

static List<int> ProcessTree(int rootPid)
{
    var children = Directory.GetDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
        .Where(pid => pid > 0)
        .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
        .ToLookup(p => p.Parent, p => p.Pid);
    var tree = new List<int> { rootPid };
    for (var i = 0; i < tree.Count; i++)
    {
        tree.AddRange(children[tree[i]]);
    }
    return tree;
}

static int ParentOf(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

static long Kilobytes(int pid, string file, string field)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/{file}").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

// kill(2) on -PGID signals the whole group (procps' kill reads "-PGID" as an option).
static void Kill(int processGroup, int signal) => _ = Native.Kill(-processGroup, signal);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string FindRepositoryRoot()
{
    var directory = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(directory, "Platform.sln")))
    {
        directory = Path.GetDirectoryName(directory.TrimEnd('/')) ?? throw new InvalidOperationException("Platform.sln not found.");
    }
    return directory;
}

internal static class Native
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}

internal sealed record Run(double Healthy, double Purchased, double Pss, double Rss, int Processes);
