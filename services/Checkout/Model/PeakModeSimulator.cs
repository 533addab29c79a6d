namespace Platform.Checkout.Model;

/// <summary>What the simulation imposes on one checkout.</summary>
/// <param name="Delay">Added latency.</param>
/// <param name="Fail">Whether this checkout fails (503).</param>
/// <param name="InPeak">Whether a peak is under way.</param>
public readonly record struct PeakModeDecision(TimeSpan Delay, bool Fail, bool InPeak);

/// <summary>
/// The <c>checkoutPeakMode</c> simulation (DESIGN.md): in normal time each checkout gets 50–150 ms of
/// extra latency and fails with probability 5%; during a peak, 1800–2500 ms and 70%. Peaks last 30 s
/// and start at random 60–180 s after the previous one ended (the first 60–180 s after the simulator's
/// start); <see cref="PeakModeOptions"/> can change those three durations. The schedule comes from <c>Random(seed)</c> and time from a <see cref="TimeProvider"/>, so the
/// same seed gives the same peaks (and, for the same sequence of calls, the same draws).
/// </summary>
public sealed class PeakModeSimulator
{
    public const double NormalErrorRate = 0.05;
    public const double PeakErrorRate = 0.70;

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly Random _schedule;
    private readonly Random _draws;
    private readonly List<DateTimeOffset> _peakStarts = [];
    private readonly Lock _gate = new();
    private readonly TimeSpan _peakDuration;
    private readonly TimeSpan _minGap;
    private readonly TimeSpan _maxGap;

    /// <summary>A simulator with DESIGN.md's timing (peaks of 30 s, 60–180 s apart).</summary>
    public PeakModeSimulator(int seed, TimeProvider time) : this(new PeakModeOptions { Seed = seed }, time)
    {
    }

    public PeakModeSimulator(PeakModeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (!options.IsValid)
        {
            throw new ArgumentException("Peaks need PeakDuration > 0 and 0 <= MinGap <= MaxGap.", nameof(options));
        }
        (_peakDuration, _minGap, _maxGap) = (options.PeakDuration, options.MinGap, options.MaxGap);
        var seed = options.Seed;
        _time = time;
        _start = time.GetUtcNow();
        _schedule = new Random(seed);
        _draws = new Random(unchecked(seed * 31 + 7));
    }

    /// <summary>Draws the latency and the outcome of one checkout at the current time.</summary>
    public PeakModeDecision Next()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var inPeak = IsPeakLocked(now);
            var (minMs, maxMs, rate) = inPeak ? (1800, 2500, PeakErrorRate) : (50, 150, NormalErrorRate);
            var delay = TimeSpan.FromMilliseconds(minMs + _draws.NextDouble() * (maxMs - minMs));
            return new PeakModeDecision(delay, _draws.NextDouble() < rate, inPeak);
        }
    }

    /// <summary>Whether <paramref name="at"/> falls in a peak.</summary>
    public bool IsPeak(DateTimeOffset at)
    {
        lock (_gate)
        {
            return IsPeakLocked(at);
        }
    }

    /// <summary>The peak start times up to <paramref name="until"/> (for tests and docs).</summary>
    public IReadOnlyList<DateTimeOffset> PeakStartsUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            ExtendTo(until);
            return _peakStarts.Where(s => s <= until).ToList();
        }
    }

    private bool IsPeakLocked(DateTimeOffset at)
    {
        ExtendTo(at);
        foreach (var start in _peakStarts)
        {
            if (at >= start && at < start + _peakDuration)
            {
                return true;
            }
        }
        return false;
    }

    private void ExtendTo(DateTimeOffset at)
    {
        while (_peakStarts.Count == 0 || _peakStarts[^1] <= at)
        {
            var from = _peakStarts.Count == 0 ? _start : _peakStarts[^1] + _peakDuration;
            var gap = _minGap + TimeSpan.FromMilliseconds(_schedule.NextDouble() * (_maxGap - _minGap).TotalMilliseconds);
            _peakStarts.Add(from + gap);
        }
    }
}
