// The load generator's command line (services/LoadGenerator, `--users 50 --duration 60s`) against the whole
// Platform started from the AppHost's model (Aspire.Hosting.Testing: DCP, every service from its build output,
// PostgreSQL, Redis, the Kafka mock cluster, free ports, a temporary data directory; the AppHost's own load
// generator resource left out so only this run's traffic counts). Prints the idle memory of everything
// before the load (PSS: shared pages counted once; RSS), then the load generator's own summary table
// (requests/s, errors, p50/p95/p99 per task), with the machine's load average before and after.
// Usage: dotnet run -c Release --project bench/LoadGenerator [-- --users 50 --duration 60s [more LoadGenerator switches]]
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts;

var loadArgs = args.Length > 0 ? args : ["--users", "50", "--duration", "60s"];
if (!loadArgs.Contains("--duration"))
{
    loadArgs = [.. loadArgs, "--duration", "60s"];
}

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
var dataDirectory = Path.Combine(Path.GetTempPath(), "bench-loadgen-" + Guid.NewGuid().ToString("N"));
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
    [$"--LocalServers:DataDirectory={dataDirectory}", "--LoadGenerator:Enabled=false"]);
builder.Services.AddLogging(logging => logging.AddFilter("Aspire", LogLevel.Warning).AddFilter("AppHost", LogLevel.Warning)
    .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
    .AddFilter("AppHost.Resources.postgres", LogLevel.None)); // PostgreSQL logs to stderr: every line would show as an error
var clock = Stopwatch.StartNew();
await using var app = await builder.BuildAsync();
var exitCode = 1;
try
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    await app.StartAsync(timeout.Token);
    var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Where(r => r is not ParameterResource)
        .Where(r => !app.ResourceNotifications.TryGetCurrentState(r.Name, out var state) || !state.Snapshot.IsHidden)
        .ToList();
    await Task.WhenAll(resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
    Console.WriteLine($"Platform healthy after {clock.Elapsed.TotalSeconds:F1} s ({resources.Count} resources); idle 5 s ...");
    await Task.Delay(TimeSpan.FromSeconds(5));

    var processes = OfThisRun();
    var pss = processes.Sum(p => Kilobytes(p, "smaps_rollup", "Pss:")) / 1024.0;
    var rss = processes.Sum(p => Kilobytes(p, "status", "VmRSS:")) / 1024.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"idle memory before the load: PSS {pss:F0} MB, RSS {rss:F0} MB over {processes.Count} processes (this bench hosting the AppHost model and the Kafka mock cluster, DCP and all under it)"));

    var frontend = app.GetEndpoint(ResourceNames.Frontend, "http");
    var flags = app.GetEndpoint(ResourceNames.FlagService, "http");
    exitCode = await RunLoadGeneratorAsync([.. loadArgs, "--frontend-url", frontend.ToString().TrimEnd('/'), "--flags-url", flags.ToString().TrimEnd('/')]);
}
finally
{
    await app.StopAsync();
    try
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
    catch (IOException)
    {
        // A server still stopping; the directory is in /tmp.
    }
}

return exitCode;

// The load generator's build output, run as its command line does (`dotnet LoadGenerator.dll --users ... --duration ...`).
static async Task<int> RunLoadGeneratorAsync(string[] arguments)
{
    var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
    var dll = Path.Combine(RepositoryRoot(), "services", "LoadGenerator", "bin", configuration, "net10.0", "LoadGenerator.dll");
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
    start.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    // No OTLP export from the generator: its figures are its own summary table.
    start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
    Console.WriteLine($"load average {LoadAverage()}; running: dotnet {Path.GetRelativePath(RepositoryRoot(), dll)} {string.Join(' ', arguments)}");
    using var generator = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
    await generator.WaitForExitAsync();
    Console.WriteLine($"load generator exited with {generator.ExitCode}; load average {LoadAverage()}");
    return generator.ExitCode;
}

// This process (the AppHost model and the Kafka mock cluster), its children, and DCP's detached tree
// (`dcp start-apiserver --monitor <this pid>`: the servers and services under it).
static List<int> OfThisRun()
{
    var parents = new Dictionary<int, int>();
    var roots = new HashSet<int> { Environment.ProcessId };
    foreach (var directory in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(directory), out var pid))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            if (commandLine.Contains("start-apiserver", StringComparison.Ordinal) && commandLine.Contains($" --monitor {Environment.ProcessId} ", StringComparison.Ordinal))
            {
                roots.Add(pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Ended while read.
        }
    }

    return [.. parents.Keys.Where(pid => Descends(pid, roots, parents))];
}

static bool Descends(int pid, HashSet<int> roots, Dictionary<int, int> parents)
{
    for (var depth = 0; depth < 32; depth++)
    {
        if (roots.Contains(pid))
        {
            return true;
        }

        if (!parents.TryGetValue(pid, out pid))
        {
            return false;
        }
    }

    return false;
}

static long Kilobytes(int pid, string file, string field)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/{file}").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return 0;
    }
}

static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the bench from the repository (Platform.sln not found above it).");
}
