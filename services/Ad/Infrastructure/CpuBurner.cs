using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults.Flags;

namespace Platform.Ad.Infrastructure;

/// <summary>
/// The <c>adHighCpu</c> incident: a background worker reads the flag every <see cref="AdOptions.HighCpuPollInterval"/>
/// and, while it is on, keeps <see cref="AdOptions.HighCpuThreads"/> threads spinning, so the process uses that many
/// cores (<c>process.cpu.time</c>, <c>dotnet.process.cpu.time</c>, gauge <c>app.ad.cpu.burning_threads</c>, counter
/// <c>app.ad.cpu.burned</c>: the threads' own CPU time as the kernel counts it), and
/// requests compete with them for CPU. Off again, the threads stop within one poll.
/// </summary>
public sealed class CpuBurner(IFeatureFlags flags, IOptions<AdOptions> options, AdTelemetry telemetry, ILogger<CpuBurner> logger) : BackgroundService
{
    private CancellationTokenSource? _burning;
    private List<Thread> _threads = [];

    /// <summary>True while threads spin.</summary>
    public bool Burning => _burning is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HighCpuPollInterval);
        try
        {
            do
            {
                var on = await flags.GetBooleanAsync(FlagKeys.AdHighCpu, false, cancellationToken: stoppingToken);
                if (on && _burning is null) Start();
                else if (!on && _burning is not null) Stop();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Stop();
        }
    }

    private void Start()
    {
        var burning = new CancellationTokenSource();
        var count = options.Value.HighCpuThreads;
        _threads = Enumerable.Range(0, count)
            .Select(i => new Thread(() => Spin(burning.Token)) { IsBackground = true, Name = $"adHighCpu-{i}" })
            .ToList();
        _threads.ForEach(t => t.Start());
        _burning = burning;
        telemetry.BurningThreads = count;
        Log.HighCpuStarted(logger, count);
    }

    private void Stop()
    {
        if (_burning is null) return;
        _burning.Cancel();
        _threads.ForEach(t => t.Join());
        _burning.Dispose();
        _burning = null;
        _threads = [];
        telemetry.BurningThreads = 0;
        Log.HighCpuStopped(logger);
    }

    private static long _sink;

    /// <summary>Busy arithmetic (no sleeping, no allocation) until cancelled; adds the thread's CPU time to the telemetry every ~100 ms.</summary>
    private void Spin(CancellationToken token)
    {
        var x = (ulong)Environment.TickCount64;
        var counted = ThreadCpuNanoseconds();
        var lastReport = Stopwatch.GetTimestamp();
        while (!token.IsCancellationRequested)
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                x = x * 6364136223846793005UL + 1442695040888963407UL;
            }

            Volatile.Write(ref _sink, (long)x);
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromMilliseconds(100))
            {
                counted = Report(counted);
                lastReport = Stopwatch.GetTimestamp();
            }
        }

        Report(counted);
    }

    private long Report(long counted)
    {
        var now = ThreadCpuNanoseconds();
        telemetry.Burned(now - counted);
        return now;
    }

    /// <summary>The calling thread's time on a CPU (Linux <c>/proc/thread-self/schedstat</c>, nanoseconds); 0 elsewhere.</summary>
    private static long ThreadCpuNanoseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ')), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }
}
