// Measures `dotnet run --project AppHost --no-build` N times (default 5):
//   - time from launch until every resource is Running and Healthy (polled on AppHost's local API),
//   - resident memory (VmRSS) of AppHost and all its descendants after 5 s idle,
// stops AppHost cleanly (SIGTERM, handled as Ctrl+C) each time, then prints the medians against the targets.
// Usage (build AppHost first): dotnet run --project bench/AppHostStartup [-- runs]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var root = FindRepositoryRoot();
var apiFile = Path.Combine(root, ".apphost", "apphost.json");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
var results = new List<(double Seconds, double Megabytes, int Processes)>();

for (var run = 1; run <= runs; run++)
{
    File.Delete(apiFile);
    var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "run", "--project", "AppHost", "--no-build" })
    {
        info.ArgumentList.Add(argument);
    }

    var clock = Stopwatch.StartNew();
    using var dotnetRun = Process.Start(info)!;
    dotnetRun.OutputDataReceived += (_, _) => { };
    dotnetRun.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("  apphost stderr: " + e.Data); } };
    dotnetRun.BeginOutputReadLine();
    dotnetRun.BeginErrorReadLine();
    try
    {
        var (apiUrl, appHostPid) = await WaitForApiAsync(apiFile, dotnetRun);
        await WaitForAllHealthyAsync(http, apiUrl, dotnetRun);
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(5)); // idle
        var processes = Descendants(appHostPid).Prepend(appHostPid).ToList();
        var megabytes = processes.Sum(ResidentKilobytes) / 1024.0;
        results.Add((seconds, megabytes, processes.Count));
        Console.WriteLine($"run {run}: healthy after {seconds,5:0.00} s; idle RSS {megabytes,7:0} MB over {processes.Count} processes (AppHost + descendants)");
        _ = Kill(appHostPid, 15); // SIGTERM: handled as Ctrl+C (SIGINT may be ignored when the bench itself runs in the background)
        if (!dotnetRun.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            Console.WriteLine($"run {run}: AppHost did not stop within 60 s; killing it");
            dotnetRun.Kill(entireProcessTree: true);
        }
    }
    catch (Exception e)
    {
        Console.WriteLine($"run {run}: failed: {e.Message}");
        dotnetRun.Kill(entireProcessTree: true);
        await dotnetRun.WaitForExitAsync();
    }
}

if (results.Count > 0)
{
    var time = Median(results.Select(r => r.Seconds));
    var memory = Median(results.Select(r => r.Megabytes));
    Console.WriteLine($"median of {results.Count}: healthy after {time:0.00} s (target <= 15 s: {(time <= 15 ? "met" : "MISSED")}); " +
        $"idle RSS {memory:0} MB (target <= 1536 MB: {(memory <= 1536 ? "met" : "MISSED")})");
}

return results.Count == runs ? 0 : 1;

static async Task<(Uri Api, int Pid)> WaitForApiAsync(string file, Process dotnetRun)
{
    var deadline = DateTime.UtcNow.AddSeconds(120);
    while (DateTime.UtcNow < deadline && !dotnetRun.HasExited)
    {
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            return (new Uri(document.RootElement.GetProperty("apiUrl").GetString()!), document.RootElement.GetProperty("pid").GetInt32());
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException)
        {
            await Task.Delay(50);
        }
    }

    throw new TimeoutException("AppHost wrote no .apphost/apphost.json (did it start? is it built?)");
}

static async Task WaitForAllHealthyAsync(HttpClient http, Uri api, Process dotnetRun)
{
    var deadline = DateTime.UtcNow.AddSeconds(120);
    while (DateTime.UtcNow < deadline && !dotnetRun.HasExited)
    {
        try
        {
            var resources = await http.GetFromJsonAsync<JsonElement>(new Uri(api, "api/resources"));
            if (resources.EnumerateArray().All(r => r.GetProperty("state").GetString() == "Running"
                    && r.TryGetProperty("healthStatus", out var health) && health.GetString() == "Healthy"))
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Starting.
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("not every resource became healthy within 120 s");
}

static IEnumerable<int> Descendants(int pid)
{
    var parents = new Dictionary<int, List<int>>();
    foreach (var directory in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(directory), out var child))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            (parents.TryGetValue(parent, out var list) ? list : parents[parent] = []).Add(child);
        }
        catch (IOException)
        {
            // Gone meanwhile.
        }
    }

    var pending = new Stack<int>([pid]);
    while (pending.Count > 0)
    {
        foreach (var child in parents.GetValueOrDefault(pending.Pop()) ?? [])
        {
            yield return child;
            pending.Push(child);
        }
    }
}

static long ResidentKilobytes(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string FindRepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run from inside the repository (Platform.sln not found).");
}

[DllImport("libc", EntryPoint = "kill")]
#pragma warning disable SYSLIB1054
static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
