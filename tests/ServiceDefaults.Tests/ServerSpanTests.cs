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

/// <summary>The server span of OpenTelemetry.Instrumentation.AspNetCore as ServiceDefaults configures it, through the real exporter pipeline.</summary>
public sealed class ServerSpanTests : IAsyncLifetime
{
    private readonly CollectingExporter _exporter = new();
    private readonly HttpClient _http = TestHttp.Create();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(_exporter)));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/things/{id}", (string id) => TypedResults.Ok(new { id }));
        app.MapGet("/boom", string () => throw new InvalidOperationException("boom"));
        app.MapGet("/unavailable", () => TypedResults.Problem(statusCode: 503));
        app.MapGroup("/api/widgets").MapPost("/", () => TypedResults.Ok());
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.ShutDownAsync();
    }

    [Fact]
    public async Task Server_span_is_named_by_method_and_route_template_with_semconv_tags()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "things/42")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal("GET /things/{id}", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("/things/{id}", span.GetTagItem("http.route"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/things/42", span.GetTagItem("url.path"));
        Assert.Equal("http", span.GetTagItem("url.scheme"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(_app.Address().Port, span.GetTagItem("server.port"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Root_route_of_a_group_is_named_without_its_trailing_slash()
    {
        var trace = Traceparent.New();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_app.Address(), "api/widgets"));
        request.Headers.Add("traceparent", trace.Header);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal("POST /api/widgets", span.DisplayName);
        Assert.Equal("/api/widgets", span.GetTagItem("http.route"));
    }

    [Fact]
    public async Task User_agent_is_recorded()
    {
        var trace = Traceparent.New();
        using var request = trace.Get(new Uri(_app.Address(), "things/1"));
        request.Headers.UserAgent.ParseAdd("platform-tests/1.0");

        using var response = await _http.SendAsync(request);

        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        Assert.Equal("platform-tests/1.0", Assert.Single(_exporter.InTrace(trace.TraceId)).GetTagItem("user_agent.original"));
    }

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    public async Task Health_probes_are_not_traced(string probe)
    {
        var probeTrace = Traceparent.New();
        var otherTrace = Traceparent.New();

        using var probeResponse = await _http.SendAsync(probeTrace.Get(new Uri(_app.Address(), probe)));
        using var otherResponse = await _http.SendAsync(otherTrace.Get(new Uri(_app.Address(), "things/1")));

        Assert.Equal(HttpStatusCode.OK, probeResponse.StatusCode);
        // Once the later request's span is exported, the probe's would have been too.
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(otherTrace.TraceId).Any()));
        await Task.Delay(100);
        Assert.Empty(_exporter.InTrace(probeTrace.TraceId));
    }

    [Fact]
    public async Task Unhandled_exception_marks_the_span_as_error_and_keeps_the_route()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "boom")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal("GET /boom", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(500, span.GetTagItem("http.response.status_code"));
        // The exception handler answered 500: semantic conventions then name the status code as error.type.
        Assert.Equal("500", span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Equal(typeof(InvalidOperationException).FullName, exception.Tags.Single(t => t.Key == "exception.type").Value);
    }

    [Fact]
    public async Task Server_error_status_sets_error_type_to_the_status_code()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "unavailable")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("503", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Unmatched_route_is_named_by_the_method_alone()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "no/such/thing")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await TestApps.EventuallyAsync(() => _exporter.InTrace(trace.TraceId).Any()));
        var span = Assert.Single(_exporter.InTrace(trace.TraceId));
        Assert.Equal("GET", span.DisplayName);
        Assert.Null(span.GetTagItem("http.route"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }
}
