using Platform.Payment.Infrastructure;

namespace Platform.Payment.Tests;

public sealed class FailureSimulatorTests
{
    private static int Failures(double rate, int draws, int seed = 7)
    {
        var simulator = new FailureSimulator(new RandomSource(seed));
        return Enumerable.Range(0, draws).Count(_ => simulator.ShouldFail(rate));
    }

    [Fact]
    public void Rate_one_always_fails() => Assert.Equal(1000, Failures(1.0, 1000));

    [Fact]
    public void Rate_zero_never_fails() => Assert.Equal(0, Failures(0.0, 1000));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rate_one_half_fails_about_half_of_1000_seeded_draws(int seed)
    {
        var failures = Failures(0.5, 1000, seed);

        Assert.InRange(failures, 450, 550);
    }

    [Fact]
    public void Rate_one_tenth_fails_about_a_tenth_of_1000_seeded_draws() => Assert.InRange(Failures(0.1, 1000), 70, 130);

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var first = new RandomSource(42);
        var second = new RandomSource(42);

        Assert.Equal(Enumerable.Range(0, 20).Select(_ => first.NextDouble()), Enumerable.Range(0, 20).Select(_ => second.NextDouble()));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Rates_below_zero_or_not_a_number_never_fail(double rate) => Assert.Equal(0, Failures(rate, 100));

    [Fact]
    public void Rates_above_one_always_fail() => Assert.Equal(100, Failures(7, 100));
}
