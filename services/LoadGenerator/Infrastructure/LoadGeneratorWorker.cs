using Microsoft.Extensions.Options;
using Platform.LoadGenerator.Model;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>The service mode (under the AppHost): the users run while the service runs; the summary is logged every minute and at the stop.</summary>
public sealed class LoadGeneratorWorker(LoadRunner runner, IOptions<LoadGeneratorOptions> options, ILogger<LoadGeneratorWorker> logger) : BackgroundService
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(logger, options.Value.Users, options.Value.SpawnRate);
        var run = runner.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(SummaryInterval);
        var started = DateTime.UtcNow;
        // Once stopping, the tick is an already-cancelled task: without the check this loop would spin, logging a
        // summary per turn (a stray load generator once burned a core that way and never finished its shutdown).
        while (await Task.WhenAny(run, timer.WaitForNextTickAsync(stoppingToken).AsTask()) != run && !stoppingToken.IsCancellationRequested)
        {
            Log.Summary(logger, Table(DateTime.UtcNow - started));
        }
        var elapsed = await run;
        Log.Summary(logger, Table(elapsed));

        string Table(TimeSpan elapsed) => SummaryTable.Format(
            runner.Statistics.Summarize(ShopperTasks.SummaryRows, elapsed), elapsed, options.Value.Users);
    }
}
