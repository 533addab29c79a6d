namespace Platform.LoadGenerator.Infrastructure;

/// <summary>
/// Latencies in 1 ms buckets up to 2 minutes (longer ones count in the last bucket): constant memory however long
/// the generator runs under the AppHost, and percentiles exact to the millisecond. Not thread-safe; the caller locks.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 120_000;
    private readonly int[] _counts = new int[Buckets];

    public long Count { get; private set; }

    public void Record(TimeSpan latency)
    {
        var bucket = (int)Math.Clamp(latency.TotalMilliseconds, 0, Buckets - 1);
        _counts[bucket]++;
        Count++;
    }

    /// <summary>Adds <paramref name="other"/>'s samples to this one.</summary>
    public void Merge(LatencyHistogram other)
    {
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            _counts[bucket] += other._counts[bucket];
        }
        Count += other.Count;
    }

    /// <summary>The smallest latency (ms) that at least <paramref name="quantile"/> of the samples do not exceed; 0 without samples.</summary>
    public int Percentile(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= Math.Max(rank, 1))
            {
                return bucket;
            }
        }
        return Buckets - 1;
    }
}
