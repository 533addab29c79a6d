using Platform.Hosting;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Orchestration;

namespace Hosting.Tests;

/// <summary>Paths to the TestApp program and small helpers the tests share.</summary>
internal static class TestApp
{
    private static readonly string TestsDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", ".."));
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string ProjectPath => Path.Combine(TestsDirectory, "TestApp", "TestApp.csproj");

    public static string DllPath => Path.Combine(TestsDirectory, "TestApp", "bin", Configuration, "net10.0", "TestApp.dll");

    /// <summary>Adds the TestApp as a project resource run with <paramref name="args"/>.</summary>
    public static IResourceBuilder<ProjectResource> AddTestApp(this IDistributedApplicationBuilder builder, string name, params string[] args) =>
        builder.AddProject(name, ProjectPath, DllPath).WithArgs(args);

    /// <summary>A token that gives up after <paramref name="seconds"/>.</summary>
    public static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Waits until the resource's console has a line matching <paramref name="predicate"/>.</summary>
    public static async Task<IReadOnlyList<LogLine>> WaitForLogAsync(this DistributedApplication app, string name, Func<string, bool> predicate, int seconds = 30)
    {
        var token = Timeout(seconds);
        while (true)
        {
            var lines = app.ResourceLogs.GetLines(name);
            if (lines.Any(l => predicate(l.Text)))
            {
                return lines;
            }

            await Task.Delay(50, token);
        }
    }

    /// <summary>The environment the TestApp printed (<c>env</c> mode).</summary>
    public static async Task<Dictionary<string, string>> PrintedEnvironmentAsync(this DistributedApplication app, string name, int replica = 0)
    {
        var lines = await app.WaitForLogAsync(name, l => l.StartsWith("services__", StringComparison.Ordinal) || l.StartsWith("USER=", StringComparison.Ordinal) || l.StartsWith("PATH=", StringComparison.Ordinal));
        await Task.Delay(300); // the rest of the sorted dump
        return app.ResourceLogs.GetLines(name).Where(l => l.Replica == replica && l.Text.Contains('='))
            .Select(l => l.Text.Split('=', 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }

    /// <summary>True while a process with that id runs (a zombie counts as dead).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until no process of <paramref name="pids"/> lives; true on success.</summary>
    public static async Task<bool> AllGoneAsync(IEnumerable<int> pids, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (!pids.Any(IsAlive))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
