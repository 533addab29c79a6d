using Platform.LoadGenerator.Extensions;
using Platform.LoadGenerator.Infrastructure;
using Platform.LoadGenerator.Model;

namespace Platform.LoadGenerator;

/// <summary>
/// The command-line mode: <c>LoadGenerator --users 50 --duration 60s</c> runs the users for that long against the
/// Frontend and prints the summary table. A run with <c>--duration</c> is a command-line run; without it the
/// program is the AppHost's service.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--users"] = "LoadGenerator:Users",
        ["--spawn-rate"] = "LoadGenerator:SpawnRate",
        ["--min-wait"] = "LoadGenerator:MinWait",
        ["--max-wait"] = "LoadGenerator:MaxWait",
        ["--duration"] = "LoadGenerator:Duration",
        ["--seed"] = "LoadGenerator:Seed",
        ["--frontend-url"] = "services:frontend:http:0",
        ["--flags-url"] = "services:flagservice:http:0",
    };

    public static bool IsRequested(string[] args) => args.Contains("--duration") || args.Contains("--help");

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Contains("--help"))
        {
            await output.WriteLineAsync("LoadGenerator --duration 60s [--users 3] [--spawn-rate 1] [--min-wait 00:00:01] [--max-wait 00:00:10] [--seed n]");
            await output.WriteLineAsync("              [--frontend-url http://127.0.0.1:5100] [--flags-url http://127.0.0.1:5106]");
            return 0;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Development" });
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddLoadGenerator();
        using var host = builder.Build();
        await host.StartAsync();
        var runner = host.Services.GetRequiredService<LoadRunner>();
        var users = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoadGeneratorOptions>>().Value.Users;
        var elapsed = await runner.RunAsync(CancellationToken.None);
        await output.WriteAsync(SummaryTable.Format(runner.Statistics.Summarize(ShopperTasks.SummaryRows, elapsed), elapsed, users));
        await host.StopAsync();
        return 0;
    }
}
