using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Frontend.Infrastructure;
using Frontend.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Contracts;
using Platform.Testing;

namespace Frontend.Tests;

/// <summary>
/// <c>imageSlowLoad</c> from a real OFREP test server, with the variants' values read from the shipped
/// flag file: a picture waits exactly the variant's delay in its own span; off, it does not wait.
/// </summary>
public sealed class ImageSlowLoadTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>, IAsyncLifetime
{
    private const string Picture = "/images/products/T5RDW2PLQC.svg";
    private const string ServerSpan = "(server span)";
    private readonly ActivitySpanId _caller = ActivitySpanId.CreateRandom();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityListener? _listener;
    private FakeFlagService _flags = null!;
    private WebApplicationFactory<Program> _frontend = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" || source == ImageSlowLoad.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _flags = await FakeFlagService.StartAsync();
        _frontend = fixture.CreateVariant(web => web
            .UseFakeFlagService(_flags)
            .UseSetting("Flags:CacheDuration", "00:00:00"));
    }

    /// <summary>The value of <c>imageSlowLoad</c>'s <paramref name="variant"/> in services/FlagService/flags/demo.flagd.json.</summary>
    private static long Variant(string variant)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shipped", "demo.flagd.json")));
        return file.RootElement.GetProperty("flags").GetProperty(FlagKeys.ImageSlowLoad).GetProperty("variants").GetProperty(variant).GetInt64();
    }

    [Fact]
    public async Task At_5sec_a_picture_waits_the_variants_delay_in_an_image_slow_load_span()
    {
        var fiveSeconds = Variant("5sec");
        _flags.Set(FlagKeys.ImageSlowLoad, fiveSeconds);
        using var client = _frontend.CreateClient();
        var trace = ActivityTraceId.CreateRandom();

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(Traced(trace));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, fiveSeconds);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(fiveSeconds), $"answered after {watch.Elapsed}");
        var slow = await SpanAsync(trace, ImageSlowLoad.SpanName);
        var server = await SpanAsync(trace, ServerSpan);
        Assert.Equal(fiveSeconds, slow.GetTagItem(ImageSlowLoad.DelayTag));
        Assert.Equal("T5RDW2PLQC.svg", slow.GetTagItem(ImageSlowLoad.PictureTag));
        // The span's clock and the timer's differ by a few milliseconds; the client's stopwatch above is exact.
        Assert.True(slow.Duration >= TimeSpan.FromMilliseconds(fiveSeconds - 50), $"span lasted {slow.Duration}");
        Assert.Equal(server.SpanId, slow.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, slow.Status);
    }

    [Fact]
    public async Task Off_a_picture_is_served_without_waiting()
    {
        _flags.Set(FlagKeys.ImageSlowLoad, Variant("off"));
        using var client = _frontend.CreateClient();
        using (await client.GetAsync(Picture)) { } // a warm frontend: a cold one's first answer can take seconds on a loaded machine
        var trace = ActivityTraceId.CreateRandom();
        var evaluations = _flags.Evaluations(FlagKeys.ImageSlowLoad);

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(Traced(trace));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SpanAsync(trace, ServerSpan);
        Assert.DoesNotContain(_spans, s => s.TraceId == trace && s.OperationName == ImageSlowLoad.SpanName);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(Variant("5sec")), $"answered after {watch.Elapsed}");
        Assert.True(_flags.Evaluations(FlagKeys.ImageSlowLoad) > evaluations, "imageSlowLoad was not asked"); // asked, and it said no delay
    }

    [Fact]
    public async Task A_browser_that_gives_up_ends_the_wait()
    {
        using var client = _frontend.CreateClient();
        _flags.Set(FlagKeys.ImageSlowLoad, Variant("off"));
        using (await client.GetAsync(Picture)) { } // a warm frontend, so the request below reaches the wait
        _flags.Set(FlagKeys.ImageSlowLoad, Variant("10sec"));
        var trace = ActivityTraceId.CreateRandom();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Traced(trace), giveUp.Token));

        var slow = await SpanAsync(trace, ImageSlowLoad.SpanName);
        Assert.Equal(10_000L, slow.GetTagItem(ImageSlowLoad.DelayTag));
        Assert.Equal(ActivityStatusCode.Error, slow.Status);
        Assert.True(slow.Duration < TimeSpan.FromSeconds(5), $"the wait went on for {slow.Duration}");
    }

    private HttpRequestMessage Traced(ActivityTraceId trace)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Picture);
        request.Headers.Add("traceparent", $"00-{trace}-{_caller}-01");
        return request;
    }

    /// <summary>
    /// Spans stop just after the response: wait for the one named <paramref name="name"/> in <paramref name="trace"/> (up to 10 s).
    /// <see cref="ServerSpan"/> is the frontend's server span, the child of the <c>traceparent</c> sent (the fake FlagService's is not).
    /// </summary>
    private async Task<Activity> SpanAsync(ActivityTraceId trace, string name)
    {
        for (var i = 0; i < 100; i++)
        {
            if (_spans.FirstOrDefault(s => s.TraceId == trace && (name == ServerSpan ? s.ParentSpanId == _caller : s.DisplayName == name)) is { } span)
            {
                return span;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No span '{name}' in trace {trace}; seen: {string.Join(", ", _spans.Where(s => s.TraceId == trace).Select(s => s.DisplayName))}");
    }

    public async Task DisposeAsync()
    {
        _listener?.Dispose();
        await _frontend.DisposeAsync();
        await _flags.DisposeAsync();
    }
}
