using System.ComponentModel.DataAnnotations;

namespace Platform.LoadGenerator;

/// <summary>Section <c>LoadGenerator</c>: how many simulated users, how fast they arrive, how long they think.</summary>
public sealed class LoadGeneratorOptions
{
    public const string Section = "LoadGenerator";

    /// <summary>Simulated users once all have spawned.</summary>
    [Range(0, 10_000)]
    public int Users { get; set; } = 3;

    /// <summary>Users started per second until <see cref="Users"/> run.</summary>
    [Range(0.01, 1_000)]
    public double SpawnRate { get; set; } = 1;

    /// <summary>Shortest wait between two tasks of one user.</summary>
    public TimeSpan MinWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two tasks of one user.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to run (<c>60s</c>, <c>5m</c>, <c>1h</c> or <c>hh:mm:ss</c>); empty = until stopped.</summary>
    public string? Duration { get; set; }

    /// <summary>Seed of the users' random choices (tasks, products, waits); null = a different run each time.</summary>
    public int? Seed { get; set; }

    /// <summary>Timeout of each request to the Frontend.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests of one "flood the home page" task (under <c>loadGeneratorFloodHomepage</c>).</summary>
    [Range(1, 1_000)]
    public int FloodRequests { get; set; } = 10;
}
