using System.Diagnostics.Metrics;

namespace Platform.Ad.Infrastructure;

/// <summary>The meter <c>Platform.Ad</c>: the symptoms of the three Ad flags as numbers.</summary>
public sealed class AdTelemetry
{
    public const string MeterName = "Platform.Ad";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _forcedCollections;

    public AdTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>("app.ad.failures", "{request}", "Ad requests failed on purpose by adFailure.");
        _forcedCollections = meter.CreateCounter<long>("app.ad.gc.forced", "{collection}", "Full (gen2, compacting) collections forced by adManualGc.");
        meter.CreateObservableGauge("app.ad.cpu.burning_threads", () => BurningThreads, "{thread}", "Threads spinning for adHighCpu.");
        meter.CreateObservableCounter("app.ad.cpu.burned", () => BurnedCpu.TotalSeconds, "s", "CPU time the adHighCpu threads consumed (Linux: from /proc).");
    }

    private long _burnedNanoseconds;

    /// <summary>CPU time the adHighCpu threads consumed so far, as the kernel counts it (zero where /proc is not there).</summary>
    public TimeSpan BurnedCpu => TimeSpan.FromTicks(Interlocked.Read(ref _burnedNanoseconds) / 100);

    public void Burned(long nanoseconds) => Interlocked.Add(ref _burnedNanoseconds, nanoseconds);

    /// <summary>Set by <see cref="CpuBurner"/>.</summary>
    public int BurningThreads { get; set; }

    public void Failed() => _failures.Add(1);

    public void ForcedCollections(int count) => _forcedCollections.Add(count);
}
