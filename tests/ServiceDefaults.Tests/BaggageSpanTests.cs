using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>
/// The allowed W3C baggage entries (session.id, synthetic_request) of a request become attributes of the
/// server span and of the spans under it, also in the next service called over HttpClient; other entries do not.
/// </summary>
public sealed class BaggageSpanTests : IAsyncLifetime
{
    private const string Baggage = "session.id=s-7f3a,synthetic_request=true,user.email=someone%40example.com";

    private readonly CollectingExporter _exporter = new();
    private readonly HttpClient _http = TestHttp.Create();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(_exporter)));
        builder.Services.AddHttpClient("next");
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/inner", () => TypedResults.Ok());
        // A service that calls the next one, as Frontend calls Checkout: the baggage must travel with the call.
        app.MapGet("/outer", async (IHttpClientFactory clients, HttpContext context) =>
        {
            var next = new Uri($"{context.Request.Scheme}://{context.Request.Host}/inner");
            using var response = await clients.CreateClient("next").GetAsync(next, context.RequestAborted);
            return TypedResults.StatusCode((int)response.StatusCode);
        });
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.ShutDownAsync();
    }

    [Fact]
    public async Task The_server_span_carries_the_allowed_baggage_entries_and_no_other()
    {
        var trace = Traceparent.New();
        using var request = trace.Get(new Uri(_app.Address(), "inner"));
        request.Headers.Add("baggage", Baggage);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("s-7f3a", span.GetTagItem("session.id"));
        Assert.Equal("true", span.GetTagItem("synthetic_request"));
        Assert.Null(span.GetTagItem("user.email"));
        Assert.DoesNotContain(span.TagObjects, t => t.Key.Contains("email", StringComparison.Ordinal) || Equals(t.Value, "someone@example.com"));
    }

    [Fact]
    public async Task The_baggage_travels_over_HttpClient_and_marks_the_client_span_and_the_next_server_span()
    {
        var trace = Traceparent.New();
        using var request = trace.Get(new Uri(_app.Address(), "outer"));
        request.Headers.Add("baggage", Baggage);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Count() == 3));
        var spans = _exporter.InTrace(trace.TraceId).ToList();
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client);
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "GET /inner");
        Assert.All(spans, s => Assert.Equal("s-7f3a", s.GetTagItem("session.id")));
        Assert.All(spans, s => Assert.Equal("true", s.GetTagItem("synthetic_request")));
        Assert.All(spans, s => Assert.Null(s.GetTagItem("user.email")));
    }

    [Fact]
    public async Task A_request_without_baggage_gets_no_baggage_attributes()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "inner")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Null(span.GetTagItem("session.id"));
        Assert.Null(span.GetTagItem("synthetic_request"));
    }
}
