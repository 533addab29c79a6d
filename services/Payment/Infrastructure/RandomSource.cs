namespace Platform.Payment.Infrastructure;

/// <summary>The random draws behind simulated failures; seeded (<c>Payment:RandomSeed</c>) for reproducible runs.</summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

/// <summary>A thread-safe <see cref="Random"/>: seeded when a seed is given, else <see cref="Random.Shared"/>.</summary>
public sealed class RandomSource(int? seed) : IRandomSource
{
    private readonly Random? _seeded = seed is { } s ? new Random(s) : null;
    private readonly Lock _gate = new();

    public double NextDouble()
    {
        if (_seeded is null) return Random.Shared.NextDouble();
        lock (_gate) return _seeded.NextDouble();
    }
}

/// <summary>Decides whether a charge fails under <c>paymentFailure</c> = rate (0..1).</summary>
public sealed class FailureSimulator(IRandomSource random)
{
    public bool ShouldFail(double rate) => rate switch
    {
        <= 0 or double.NaN => false,
        >= 1 => true,
        _ => random.NextDouble() < rate,
    };
}
