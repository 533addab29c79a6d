using Frontend.Tests.Support;
using Platform.Contracts;
using Platform.LoadGenerator;
using Platform.Testing;

namespace LoadGenerator.Tests;

/// <summary>A short command-line run against the real Frontend (Kestrel, with Frontend.Tests' peers) ends with the summary table.</summary>
public sealed class RealRunTests(FrontendFixture frontend) : IClassFixture<FrontendFixture>
{
    [Fact]
    public async Task A_short_run_drives_every_task_and_prints_the_summary()
    {
        await using var flags = await FakeFlagService.StartAsync();
        flags.Set(FlagKeys.LoadGeneratorFloodHomepage, true);
        var output = new StringWriter();
        // A cold Frontend's first requests (JIT, connections to its peers) can take longer than the whole run on a
        // loaded machine; warm it first, so the run measures the tasks.
        using (var warm = new HttpClient { BaseAddress = frontend.Address })
        {
            foreach (var path in new[] { "/api/products", "/", "/api/recommendations?productIds=OLJCESPC7Z", "/api/ads?contextKeys=telescopes" })
            {
                (await warm.GetAsync(path)).EnsureSuccessStatusCode();
            }
        }

        var exit = await CommandLine.RunAsync(
        [
            // Enough users and time that every weighted task is drawn even when each one is slow on a loaded machine.
            "--duration", "10s", "--users", "16", "--spawn-rate", "100", "--min-wait", "00:00:00.010", "--max-wait", "00:00:00.050",
            "--seed", "11", "--frontend-url", frontend.Address.ToString(), "--flags-url", flags.Address,
        ], output);

        Assert.Equal(0, exit);
        var rows = output.ToString().Split('\n').Skip(3).Where(l => l.Length > 0)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToDictionary(c => c[0]);
        Assert.StartsWith("16 users, ", output.ToString());
        foreach (var task in new[] { "browse product", "recommendations", "ads", "view cart", "add to cart", "checkout", "multi-item checkout", "home", "flood home" })
        {
            Assert.True(rows.ContainsKey(task), $"no row for {task} in\n{output}");
            Assert.True(long.Parse(rows[task][1]) > 0, $"{task} made no request");
            Assert.True(rows[task][3] == "0", $"{task} had errors:\n{output}");
        }
        // The Frontend serves recommendations and ads (from Frontend.Tests' peers): no 404s any more.
        Assert.Equal("0", rows["recommendations"][4]);
        Assert.Equal("0", rows["ads"][4]);
        Assert.True(long.Parse(rows["flood home"][1]) >= 10, "the flag is on: a flood task sends ten requests");
        // Product and home pages load their pictures, as a browser would: each exists (no 404) and is served.
        Assert.True(rows.ContainsKey("picture"), $"no row for the pictures in\n{output}");
        Assert.True(long.Parse(rows["picture"][1]) >= long.Parse(rows["browse product"][1]), $"fewer pictures than product pages:\n{output}");
        Assert.Equal("0", rows["picture"][3]);
        Assert.Equal("0", rows["picture"][4]);
    }
}
