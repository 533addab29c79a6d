using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Recommendation.Infrastructure;

namespace Platform.Recommendation.Tests;

/// <summary><c>GET /api/recommendations</c> over the shipped catalogue; <c>recommendationCacheFailure</c> from the real OFREP test server.</summary>
public sealed class RecommendationsApiTests(RecommendationApp app) : IClassFixture<RecommendationApp>
{
    private sealed record ProductDto(string Id, string Name, string Picture, string[] Categories);

    private async Task<ProductDto[]> RecommendAsync(string productIds)
    {
        using var response = await app.Client.GetAsync($"/api/recommendations?productIds={productIds}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto[]>())!;
    }

    [Fact]
    public async Task Five_products_of_the_viewed_ones_categories_are_recommended_never_the_viewed_one()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        var viewed = app.Catalogue.CategoriesOf("OLJCESPC7Z"); // telescopes, travel: five other products share one

        var recommended = await RecommendAsync("OLJCESPC7Z");

        Assert.Equal(5, recommended.Length);
        Assert.DoesNotContain(recommended, p => p.Id == "OLJCESPC7Z");
        Assert.All(recommended, p => Assert.True(p.Categories.Any(viewed.Contains), $"{p.Id} shares no category with the viewed product"));
        Assert.Equal(5, recommended.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Products_sharing_a_category_come_first_then_others_fill_the_five()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);

        var recommended = await RecommendAsync("2ZYFJ3GM2N"); // binoculars: one other pair of binoculars

        Assert.Equal(5, recommended.Length);
        Assert.Equal("T5RDW2PLQC", recommended[0].Id);
        Assert.All(recommended[1..], p => Assert.DoesNotContain("binoculars", p.Categories));
        Assert.DoesNotContain(recommended, p => p.Id == "2ZYFJ3GM2N");
    }

    [Fact]
    public async Task None_of_several_viewed_products_is_recommended()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        var viewed = new[] { "OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "0PUK6V6EV0", "9SIQT8TOJO", "6E92ZMYYFZ", "L9ECAV7KIM", "LS4PSXUNUM", "K7M2QX9RTA", "B3VNZ8WHLE" };

        var recommended = await RecommendAsync(string.Join(',', viewed));

        Assert.Equal(["2ZYFJ3GM2N", "HQTGWGPNH4", "T5RDW2PLQC"], recommended.Select(p => p.Id).Order());
    }

    [Fact]
    public async Task Unknown_ids_still_get_recommendations()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);

        var recommended = await RecommendAsync("NOSUCHPROD");

        Assert.Equal(5, recommended.Length);
    }

    [Fact]
    public async Task The_catalogue_is_read_once_and_then_served_from_the_cache()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        await RecommendAsync("OLJCESPC7Z");
        var calls = app.Catalogue.Calls;

        for (var i = 0; i < 10; i++) await RecommendAsync("66VCHSJNUP");

        Assert.Equal(calls, app.Catalogue.Calls);
        Assert.True(calls >= 1);
    }

    [Fact]
    public async Task With_the_flag_on_the_cache_grows_on_every_call_and_is_released_when_it_goes_off()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        await RecommendAsync("OLJCESPC7Z");
        var catalogueSize = app.Catalogue.Products.Count;
        Assert.Equal(catalogueSize, app.Cache.Size);
        Assert.Equal(catalogueSize, ReadGauge());

        app.Flags.Set(FlagKeys.RecommendationCacheFailure, true);
        for (var i = 1; i <= 5; i++)
        {
            var recommended = await RecommendAsync("OLJCESPC7Z");

            Assert.Equal(catalogueSize + i * RecommendationApp.LeakCopiesPerCall * catalogueSize, app.Cache.Size);
            Assert.Equal(5, recommended.Select(p => p.Id).Distinct().Count()); // still five distinct products
        }

        Assert.Equal(catalogueSize * (1 + 5 * RecommendationApp.LeakCopiesPerCall), ReadGauge());

        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        await RecommendAsync("OLJCESPC7Z");

        Assert.Equal(0, app.Cache.LeakedCount);
        Assert.Equal(catalogueSize, ReadGauge());
    }

    [Fact]
    public async Task The_leak_stops_at_its_cap()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, true);
        try
        {
            var calls = RecommendationApp.MaxLeakedEntries / (RecommendationApp.LeakCopiesPerCall * app.Catalogue.Products.Count) + 5;
            for (var i = 0; i < calls; i++) await RecommendAsync("OLJCESPC7Z");

            Assert.Equal(RecommendationApp.MaxLeakedEntries, app.Cache.LeakedCount);
        }
        finally
        {
            app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
            await RecommendAsync("OLJCESPC7Z");
        }
    }

    [Fact]
    public async Task A_lookup_gets_slower_as_the_leaked_cache_grows()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
        await RecommendAsync("OLJCESPC7Z");
        var cache = app.Cache;
        var catalogue = await cache.GetCatalogueAsync(CancellationToken.None);
        var small = FastestScan(cache, catalogue);

        try
        {
            while (cache.LeakedCount < RecommendationApp.MaxLeakedEntries) cache.ApplyLeak(true, catalogue);
            var large = FastestScan(cache, catalogue);

            Assert.True(large > small * 20, $"a scan of {cache.Size} entries took {large.TotalMicroseconds} µs, of {catalogue.Count} {small.TotalMicroseconds} µs");
        }
        finally
        {
            cache.ApplyLeak(false, catalogue);
        }
    }

    [Fact]
    public async Task The_scan_span_carries_the_cache_size()
    {
        app.Flags.Set(FlagKeys.RecommendationCacheFailure, true);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ProductCache.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        try
        {
            await RecommendAsync("OLJCESPC7Z");
            await RecommendAsync("OLJCESPC7Z");
        }
        finally
        {
            app.Flags.Set(FlagKeys.RecommendationCacheFailure, false);
            await RecommendAsync("OLJCESPC7Z");
        }

        lock (spans)
        {
            var sizes = spans.Where(s => s.OperationName == ProductCache.ScanSpanName).Select(s => (int)s.GetTagItem("app.recommendation.cache.size")!).ToList();
            var n = app.Catalogue.Products.Count;
            var once = sizes.IndexOf(n + RecommendationApp.LeakCopiesPerCall * n);
            var twice = sizes.IndexOf(n + 2 * RecommendationApp.LeakCopiesPerCall * n);
            Assert.True(once >= 0 && twice > once, "scan sizes: " + string.Join(",", sizes));
        }
    }

    [Fact]
    public async Task A_failing_catalogue_with_nothing_cached_is_a_502_problem_naming_productcatalog()
    {
        await using var catalogue = await CataloguePeer.StartAsync();
        catalogue.Failing = true;
        await using var variant = app.CreateVariant(web => web.UseSetting("services:productcatalog:http:0", catalogue.Address));
        using var client = variant.CreateClient();

        using var response = await client.GetAsync("/api/recommendations?productIds=OLJCESPC7Z");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("productcatalog", problem.GetProperty("service").GetString());
    }

    [Fact]
    public async Task An_unreachable_catalogue_is_a_503_problem()
    {
        await using var variant = app.CreateVariant(web => web.UseSetting("services:productcatalog:http:0", "http://127.0.0.1:9"));
        using var client = variant.CreateClient();

        using var response = await client.GetAsync("/api/recommendations?productIds=OLJCESPC7Z");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static TimeSpan FastestScan(ProductCache cache, IReadOnlyList<Model.Product> catalogue)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            cache.Recommend(catalogue, ["OLJCESPC7Z"]);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed < fastest) fastest = elapsed;
        }

        return fastest;
    }

    /// <summary>The value the app's own <c>app.recommendation.cache.size</c> gauge reports now.</summary>
    private long ReadGauge()
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == ProductCache.SizeGaugeName && instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException("The gauge was not observed.");
    }
}
