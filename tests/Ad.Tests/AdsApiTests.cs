using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Ad.Tests;

/// <summary><c>GET /api/ads</c>: contextual ads from the shipped table; the three Ad flags from the real OFREP test server.</summary>
[Collection(AdApp.Collection)]
public sealed class AdsApiTests(AdApp app) : IClassFixture<AdApp>
{
    private sealed record AdDto(string Category, string Text, string RedirectUrl);

    private void AllOff()
    {
        app.Flags.Set(FlagKeys.AdFailure, false);
        app.Flags.Set(FlagKeys.AdManualGc, false);
        app.Flags.Set(FlagKeys.AdHighCpu, false);
    }

    private async Task<AdDto[]> AdsAsync(string query)
    {
        using var response = await app.Client.GetAsync("/api/ads" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AdDto[]>())!;
    }

    [Theory]
    [InlineData("binoculars")]
    [InlineData("telescopes")]
    [InlineData("lenses")]
    public async Task Ads_of_the_context_category_are_served(string category)
    {
        AllOff();

        var ads = await AdsAsync($"?contextKeys={category}");

        Assert.Equal(2, ads.Length);
        Assert.All(ads, ad => Assert.Equal(category, ad.Category));
        Assert.All(ads, ad => Assert.StartsWith("/products/", ad.RedirectUrl));
        Assert.NotEqual(ads[0], ads[1]);
    }

    [Fact]
    public async Task A_single_ad_of_a_category_is_served_alone()
    {
        AllOff();

        var ads = await AdsAsync("?contextKeys=BOOKS"); // case-insensitive; one book ad in the table

        Assert.Equal("/products/HQTGWGPNH4", Assert.Single(ads).RedirectUrl);
    }

    [Fact]
    public async Task Several_keys_draw_from_each_of_their_categories()
    {
        AllOff();
        var seen = new HashSet<string>();

        for (var i = 0; i < 30; i++) seen.UnionWith((await AdsAsync("?contextKeys=books,flashlights")).Select(a => a.Category));

        Assert.Equal(["books", "flashlights"], seen.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?contextKeys=")]
    [InlineData("?contextKeys=OLJCESPC7Z")]
    [InlineData("?contextKeys=nothing-like-this")]
    public async Task Without_a_matching_key_random_ads_are_served(string query)
    {
        AllOff();
        var categories = new HashSet<string>();

        for (var i = 0; i < 20; i++)
        {
            var ads = await AdsAsync(query);
            Assert.Equal(2, ads.Length);
            categories.UnionWith(ads.Select(a => a.Category));
        }

        Assert.True(categories.Count >= 4, "random ads come from across the table: " + string.Join(",", categories));
    }

    [Fact]
    public async Task With_adFailure_on_about_one_request_in_ten_fails_with_a_500_problem_and_a_failed_span()
    {
        AllOff();
        app.Flags.Set(FlagKeys.AdFailure, true);
        using var spans = new ServerSpanCollector();
        var failures = 0;
        try
        {
            for (var i = 0; i < 400; i++)
            {
                using var response = await app.Client.GetAsync("/api/ads?contextKeys=telescopes");
                if (response.StatusCode == HttpStatusCode.OK) continue;

                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("Ad failure", problem.GetProperty("title").GetString());
                failures++;
            }
        }
        finally
        {
            app.Flags.Set(FlagKeys.AdFailure, false);
        }

        // Binomial(400, 0.1): mean 40, standard deviation 6; 18..62 is ±3.6 deviations.
        Assert.InRange(failures, 18, 62);
        var failed = await spans.WaitForAsync(s => s.GetTagItem("http.response.status_code") is 500);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains(failed.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task With_adFailure_off_no_request_fails()
    {
        AllOff();

        for (var i = 0; i < 100; i++)
        {
            using var response = await app.Client.GetAsync("/api/ads?contextKeys=telescopes");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task With_adManualGc_on_each_request_forces_full_collections()
    {
        AllOff();
        await AdsAsync("?contextKeys=telescopes");
        app.Flags.Set(FlagKeys.AdManualGc, true);
        var before = GC.CollectionCount(2);
        try
        {
            for (var i = 0; i < 5; i++) await AdsAsync("?contextKeys=telescopes");
        }
        finally
        {
            app.Flags.Set(FlagKeys.AdManualGc, false);
        }

        var forced = GC.CollectionCount(2) - before;
        Assert.True(forced >= 5 * AdApp.ForcedCollectionsPerRequest, $"{forced} gen2 collections during 5 requests");
    }

    [Fact]
    public async Task With_adManualGc_off_requests_force_no_collection()
    {
        AllOff();
        await AdsAsync("?contextKeys=telescopes");
        var before = GC.CollectionCount(2);

        for (var i = 0; i < 5; i++) await AdsAsync("?contextKeys=telescopes");

        Assert.True(GC.CollectionCount(2) - before < 5 * AdApp.ForcedCollectionsPerRequest);
    }

    [Fact]
    public async Task With_adHighCpu_on_the_process_burns_CPU_until_the_flag_goes_off()
    {
        AllOff();
        await WaitUntilAsync(() => !app.Cpu.Burning);
        using var process = Process.GetCurrentProcess();

        app.Flags.Set(FlagKeys.AdHighCpu, true);
        TimeSpan processCpu, burned;
        double burningRate;
        try
        {
            await WaitUntilAsync(() => app.Cpu.Burning);
            var (processStart, burnedStart, clock) = (process.TotalProcessorTime, app.Telemetry.BurnedCpu, Stopwatch.StartNew());
            // Two spinning threads can take two cores; the machine that runs the tests may be shared by many
            // builds, so the test waits (up to 60 s) for the burners to have had one second of CPU.
            while (app.Telemetry.BurnedCpu - burnedStart < TimeSpan.FromSeconds(1))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the burners had {(app.Telemetry.BurnedCpu - burnedStart).TotalMilliseconds} ms of CPU in 60 s");
                await Task.Delay(100);
            }

            process.Refresh();
            (processCpu, burned) = (process.TotalProcessorTime - processStart, app.Telemetry.BurnedCpu - burnedStart);
            burningRate = processCpu / clock.Elapsed;
            await AdsAsync("?contextKeys=telescopes"); // still answers while burning
        }
        finally
        {
            app.Flags.Set(FlagKeys.AdHighCpu, false);
        }

        await WaitUntilAsync(() => !app.Cpu.Burning);
        var burnedAtStop = app.Telemetry.BurnedCpu;
        var afterRate = await CpuRateOverAsync(TimeSpan.FromSeconds(2));

        // The process's CPU time holds the burners' (the kernel's figures for the same threads), and stops growing with them.
        Assert.True(processCpu >= burned * 0.9, $"process CPU {processCpu.TotalMilliseconds} ms, burners {burned.TotalMilliseconds} ms");
        Assert.Equal(burnedAtStop, app.Telemetry.BurnedCpu);
        Assert.Equal(0, app.Telemetry.BurningThreads);
        Assert.True(afterRate < burningRate, $"CPU (cores): burning {burningRate:F2}, after {afterRate:F2}");
    }

    /// <summary>The process's CPU over <paramref name="window"/>, in cores (CPU seconds per second).</summary>
    private static async Task<double> CpuRateOverAsync(TimeSpan window)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        await Task.Delay(window);
        process.Refresh();
        return (process.TotalProcessorTime - start) / window;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the burner did not follow the flag within 5 s");
            await Task.Delay(50);
        }
    }
}
