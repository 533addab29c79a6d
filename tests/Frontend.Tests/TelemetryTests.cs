using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using static Frontend.Tests.Support.HtmlForms;

namespace Frontend.Tests;

/// <summary>The frontend's server spans carry the shop's tags and tell a downstream failure (the frontend runs in this process).</summary>
public sealed class TelemetryTests : IClassFixture<FrontendFixture>, IDisposable
{
    private readonly FrontendFixture _fixture;
    private readonly ConcurrentQueue<Activity> _serverSpans = new();
    private readonly ActivityListener _listener;

    public TelemetryTests(FrontendFixture fixture)
    {
        _fixture = fixture;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _serverSpans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task The_product_page_span_carries_the_user_id_and_the_product_id()
    {
        using var client = _fixture.CreateClient();
        var userId = await FirstVisitUserIdAsync(client);

        using var response = await client.GetAsync($"/products/{ShopPeers.Starsense.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await ServerSpanAsync(a => Equals(a.GetTagItem("app.user.id"), userId) && a.GetTagItem("app.product.id") is not null);
        Assert.Equal(ShopPeers.Starsense.Id, span.GetTagItem("app.product.id"));
    }

    [Fact]
    public async Task A_downstream_failure_marks_the_server_span_as_error_with_the_exception()
    {
        using var client = _fixture.CreateClient();
        var userId = $"{ShopPeers.BrokenCartPrefix}{Guid.NewGuid():N}";

        using var response = await client.GetAsync($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var span = await ServerSpanAsync(a => Equals(a.GetTagItem("app.user.id"), userId));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    /// <summary>The server span is stopped just after the response is sent: wait for it briefly.</summary>
    private async Task<Activity> ServerSpanAsync(Func<Activity, bool> match)
    {
        for (var i = 0; i < 50; i++)
        {
            if (_serverSpans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("No matching server span was recorded.");
    }

    public void Dispose() => _listener.Dispose();
}
