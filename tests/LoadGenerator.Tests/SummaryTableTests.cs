using Platform.LoadGenerator.Infrastructure;

namespace LoadGenerator.Tests;

/// <summary>The summary table: counts, rates, errors, 404s and percentiles per task, and the total.</summary>
public class SummaryTableTests
{
    [Fact]
    public void The_table_shows_rate_errors_and_percentiles_per_task_and_in_total()
    {
        var statistics = new LoadStatistics();
        for (var ms = 1; ms <= 100; ms++)
        {
            statistics.Record("home", TimeSpan.FromMilliseconds(ms), ms % 10 == 0 ? RequestOutcome.Error : RequestOutcome.Success);
        }
        statistics.Record("ads", TimeSpan.FromMilliseconds(7), RequestOutcome.NotFound);

        var rows = statistics.Summarize(["home", "ads", "checkout"], TimeSpan.FromSeconds(10));
        var table = SummaryTable.Format(rows, TimeSpan.FromSeconds(10), 5);

        Assert.Equal(
            """
            5 users, 10.0 s
            task   requests  req/s  errors  404  p50 ms  p95 ms  p99 ms
            -----  --------  -----  ------  ---  ------  ------  ------
            home        100  10.00      10    0      50      95      99
            ads           1   0.10       0    1       7       7       7
            total       101  10.10      10    1      50      95      99

            """.ReplaceLineEndings(), table);
    }

    [Fact]
    public void Percentiles_are_exact_to_the_millisecond_and_cap_at_two_minutes()
    {
        var statistics = new LoadStatistics();
        statistics.Record("slow", TimeSpan.FromMinutes(5), RequestOutcome.Success);
        statistics.Record("slow", TimeSpan.FromMilliseconds(3), RequestOutcome.Success);

        var slow = statistics.Summarize(["slow"], TimeSpan.FromSeconds(1))[0];

        Assert.Equal(3, slow.P50);
        Assert.Equal(119_999, slow.P99);
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("90", 90)]
    [InlineData("00:01:00", 60)]
    public void Durations_are_read_as_locust_writes_them(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text));
    }

    [Theory]
    [InlineData("60x")]
    [InlineData("s")]
    [InlineData("0s")]
    public void A_wrong_duration_is_an_error_naming_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => DurationParser.Parse(text));

        Assert.Contains($"'{text}'", error.Message);
    }
}
