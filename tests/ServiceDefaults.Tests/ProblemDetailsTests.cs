using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>RFC 9457 answers for errors the service did not shape itself.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private readonly HttpClient _http = TestHttp.Create();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/boom", string () => throw new InvalidOperationException("secret detail"));
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.ShutDownAsync();
    }

    [Fact]
    public async Task Unhandled_exception_returns_a_500_problem_with_the_trace_id()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "boom")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(trace.TraceId.ToHexString(), problem.RootElement.GetProperty("traceId").GetString());
        Assert.DoesNotContain("secret detail", problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task Unknown_route_returns_a_404_problem()
    {
        var trace = Traceparent.New();

        using var response = await _http.SendAsync(trace.Get(new Uri(_app.Address(), "no/such/route")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(trace.TraceId.ToHexString(), problem.RootElement.GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    public async Task Health_endpoints_answer_healthy_in_production(string path)
    {
        var body = await _http.GetStringAsync(new Uri(_app.Address(), path));

        Assert.Equal("Healthy", body);
    }
}
