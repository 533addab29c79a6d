using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.LoadGenerator.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>
/// Runs the simulated users: starts <see cref="LoadGeneratorOptions.Users"/> of them at
/// <see cref="LoadGeneratorOptions.SpawnRate"/> per second; each picks a weighted task, runs it, waits between
/// <see cref="LoadGeneratorOptions.MinWait"/> and <see cref="LoadGeneratorOptions.MaxWait"/>, until the duration is
/// over or the run is stopped. With a seed every user's random choices are reproducible.
/// </summary>
public sealed class LoadRunner(HttpClient frontend, IFeatureFlags flags, IOptions<LoadGeneratorOptions> options, LoadStatistics statistics)
{
    private static readonly TaskPicker Picker = new(ShopTask.All);
    private readonly ProductIds _products = new();

    public LoadStatistics Statistics => statistics;

    /// <summary>Runs until the configured duration is over or <paramref name="stopping"/> fires; answers how long it ran.</summary>
    public async Task<TimeSpan> RunAsync(CancellationToken stopping)
    {
        var o = options.Value;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (DurationParser.Parse(o.Duration) is { } duration)
        {
            run.CancelAfter(duration);
        }
        var seeds = o.Seed is { } seed ? new Random(seed) : new Random();
        var started = Stopwatch.GetTimestamp();
        var users = new List<Task>();
        try
        {
            for (var i = 0; i < o.Users; i++)
            {
                users.Add(RunUserAsync(new Random(seeds.Next()), run.Token));
                if (i + 1 < o.Users)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1 / o.SpawnRate), run.Token);
                }
            }
            await Task.Delay(Timeout.Infinite, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
        }
        await Task.WhenAll(users);
        return Stopwatch.GetElapsedTime(started);
    }

    private async Task RunUserAsync(Random random, CancellationToken ct)
    {
        var o = options.Value;
        var sessionId = $"{random.NextInt64():x16}{random.NextInt64():x16}";
        var tasks = new ShopperTasks(new FrontendRequests(frontend, statistics, sessionId), _products, flags, random, o.FloodRequests);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await tasks.RunAsync(Picker.Next(random), ct);
                var wait = o.MinWait + (o.MaxWait - o.MinWait) * random.NextDouble();
                await Task.Delay(wait, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
