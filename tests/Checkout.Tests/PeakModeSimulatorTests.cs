using Platform.Checkout.Model;
using Platform.Checkout.Tests.Infrastructure;

namespace Platform.Checkout.Tests;

public class PeakModeSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_seed_gives_the_same_peak_schedule()
    {
        var a = new PeakModeSimulator(7, new ManualTimeProvider(Start));
        var b = new PeakModeSimulator(7, new ManualTimeProvider(Start));

        Assert.Equal(a.PeakStartsUntil(Start.AddHours(2)), b.PeakStartsUntil(Start.AddHours(2)));
    }

    [Fact]
    public void Different_seeds_give_different_schedules()
    {
        var a = new PeakModeSimulator(7, new ManualTimeProvider(Start));
        var b = new PeakModeSimulator(8, new ManualTimeProvider(Start));

        Assert.NotEqual(a.PeakStartsUntil(Start.AddHours(2)), b.PeakStartsUntil(Start.AddHours(2)));
    }

    [Fact]
    public void Peaks_last_30_seconds_and_start_one_to_three_minutes_after_the_previous_one()
    {
        var simulator = new PeakModeSimulator(123, new ManualTimeProvider(Start));

        var starts = simulator.PeakStartsUntil(Start.AddHours(3));

        Assert.InRange(starts[0] - Start, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));
        foreach (var (previous, next) in starts.Zip(starts.Skip(1)))
        {
            Assert.InRange(next - (previous + TimeSpan.FromSeconds(30)), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));
        }
        Assert.True(simulator.IsPeak(starts[1]));
        Assert.True(simulator.IsPeak(starts[1].AddSeconds(29.9)));
        Assert.False(simulator.IsPeak(starts[1].AddSeconds(30)));
        Assert.False(simulator.IsPeak(starts[1].AddSeconds(-0.1)));
    }

    [Fact]
    public void Configured_timing_gives_peaks_of_that_length_that_far_apart()
    {
        var options = new PeakModeOptions { Seed = 5, PeakDuration = TimeSpan.FromSeconds(4), MinGap = TimeSpan.FromSeconds(2), MaxGap = TimeSpan.FromSeconds(3) };
        var simulator = new PeakModeSimulator(options, new ManualTimeProvider(Start));

        var starts = simulator.PeakStartsUntil(Start.AddMinutes(1));

        Assert.InRange(starts[0] - Start, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        foreach (var (previous, next) in starts.Zip(starts.Skip(1)))
        {
            Assert.InRange(next - (previous + TimeSpan.FromSeconds(4)), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        }
        Assert.True(simulator.IsPeak(starts[2].AddSeconds(3.9)));
        Assert.False(simulator.IsPeak(starts[2].AddSeconds(4)));
    }

    [Fact]
    public void A_gap_range_upside_down_is_refused()
    {
        var options = new PeakModeOptions { MinGap = TimeSpan.FromSeconds(3), MaxGap = TimeSpan.FromSeconds(2) };

        Assert.Throws<ArgumentException>(() => new PeakModeSimulator(options, TimeProvider.System));
    }

    [Fact]
    public void Normal_time_adds_50_to_150_ms_and_fails_about_5_percent()
    {
        var clock = new ManualTimeProvider(Start);
        var simulator = new PeakModeSimulator(42, clock);
        var decisions = Enumerable.Range(0, 5000).Select(_ => simulator.Next()).ToList();

        Assert.All(decisions, d => Assert.False(d.InPeak));
        Assert.All(decisions, d => Assert.InRange(d.Delay.TotalMilliseconds, 50, 150));
        Assert.InRange(decisions.Count(d => d.Fail) / 5000.0, 0.035, 0.065);
    }

    [Fact]
    public void Peak_adds_1800_to_2500_ms_and_fails_about_70_percent()
    {
        var clock = new ManualTimeProvider(Start);
        var simulator = new PeakModeSimulator(42, clock);
        var firstPeak = simulator.PeakStartsUntil(Start.AddMinutes(4))[0];
        clock.Advance(firstPeak - Start + TimeSpan.FromSeconds(10));

        var decisions = Enumerable.Range(0, 5000).Select(_ => simulator.Next()).ToList();

        Assert.All(decisions, d => Assert.True(d.InPeak));
        Assert.All(decisions, d => Assert.InRange(d.Delay.TotalMilliseconds, 1800, 2500));
        Assert.InRange(decisions.Count(d => d.Fail) / 5000.0, 0.67, 0.73);
    }

    [Fact]
    public void Same_seed_and_clock_give_the_same_decisions()
    {
        var a = new PeakModeSimulator(99, new ManualTimeProvider(Start));
        var b = new PeakModeSimulator(99, new ManualTimeProvider(Start));

        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.Next()), Enumerable.Range(0, 100).Select(_ => b.Next()));
    }
}
