using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>The resilience handler every AddServiceHttpClient client gets, against a real failing server.</summary>
public sealed class ResilienceTests(FakeBackend backend) : IClassFixture<FakeBackend>
{
    public sealed class BackendClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Http:Resilience:RetryBaseDelay"] = "00:00:00.010",
    };

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Idempotent_request_is_retried_on_server_error(string method)
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();

        using var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"fail/{id}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, backend.Hits(id)); // the first attempt and 3 retries (the default)
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Non_idempotent_request_is_never_retried(string method)
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();

        using var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"fail/{id}")
        {
            Content = new StringContent("{}"),
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, backend.Hits(id));
    }

    [Fact]
    public async Task Each_retry_attempt_is_its_own_client_span()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        using var response = await client.Http.GetAsync($"flaky/{id}/2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = recorder.ClientSpans;
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s => Assert.Equal("GET", s.DisplayName));
        Assert.Equal([503, 503, 200], spans.Select(s => Convert.ToInt32(s.GetTagItem("http.response.status_code"))));
    }

    [Fact]
    public async Task Each_retry_attempt_propagates_its_own_client_span()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        using var response = await client.Http.GetAsync($"flaky/{id}/2");

        var parentIds = backend.Traceparents(id).Select(t => t.Split('-')[2]);
        Assert.Equal(recorder.ClientSpans.Select(s => s.SpanId.ToHexString()), parentIds);
    }

    [Fact]
    public async Task Post_failure_makes_a_single_client_span()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        using var response = await client.Http.PostAsync($"fail/{id}", new StringContent("{}"));

        Assert.Single(recorder.ClientSpans);
    }

    [Fact]
    public async Task Connection_failure_is_retried_then_surfaces_as_HttpRequestException()
    {
        using var services = CreateClientServices(FastRetries, address: TestApps.ClosedAddress());
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync("anything"));

        Assert.Equal(4, recorder.ClientSpans.Count);
    }

    [Fact]
    public async Task Circuit_breaker_opens_after_repeated_failures_and_stops_calling()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(new()
        {
            ["Http:Resilience:MaxRetryAttempts"] = "0",
            ["Http:Resilience:BreakerMinimumThroughput"] = "2",
            ["Http:Resilience:BreakerFailureRatio"] = "0.5",
            ["Http:Resilience:BreakerBreakDuration"] = "00:00:30",
        });
        var client = services.GetRequiredService<BackendClient>();
        (await client.Http.GetAsync($"fail/{id}")).Dispose();
        (await client.Http.GetAsync($"fail/{id}")).Dispose();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync($"fail/{id}"));

        Assert.IsType<BrokenCircuitException>(exception.InnerException);
        Assert.Contains("circuit breaker is open", exception.Message);
        Assert.Equal(2, backend.Hits(id));
    }

    [Fact]
    public async Task Slow_attempt_is_cancelled_by_the_attempt_timeout_and_retried()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(new()
        {
            ["Http:Resilience:AttemptTimeout"] = "00:00:00.200",
            ["Http:Resilience:MaxRetryAttempts"] = "1",
            ["Http:Resilience:RetryBaseDelay"] = "00:00:00.010",
        });
        var client = services.GetRequiredService<BackendClient>();
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync($"slow/{id}"));

        Assert.IsType<TimeoutRejectedException>(exception.InnerException);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Equal(2, backend.Hits(id));
    }

    [Fact]
    public async Task Total_timeout_bounds_the_whole_call_including_retries()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(new()
        {
            ["Http:Resilience:AttemptTimeout"] = "00:00:00.300",
            ["Http:Resilience:TotalTimeout"] = "00:00:00.500",
            ["Http:Resilience:MaxRetryAttempts"] = "10",
            ["Http:Resilience:RetryBaseDelay"] = "00:00:00.010",
        });
        var client = services.GetRequiredService<BackendClient>();
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync($"slow/{id}"));

        Assert.IsType<TimeoutRejectedException>(exception.InnerException);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.InRange(backend.Hits(id), 1, 2);
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_OperationCanceledException()
    {
        var id = Guid.NewGuid().ToString("N");
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Http.GetAsync($"slow/{id}", cancellation.Token));
    }

    [Fact]
    public void Missing_service_address_fails_at_startup_naming_the_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddServiceHttpClient<BackendClient>("nowhere"));

        Assert.Contains("services:nowhere:http:0", exception.Message);
    }

    [Fact]
    public void Defaults_are_10s_per_attempt_30s_in_total_and_3_retries()
    {
        var options = new HttpResilienceOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TotalTimeout);
        Assert.Equal(3, options.MaxRetryAttempts);
    }

    private ServiceProvider CreateClientServices(Dictionary<string, string?> settings, Uri? address = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["services:backend:http:0"] = (address ?? backend.Address).ToString();
        builder.AddServiceHttpClient<BackendClient>("backend");
        return builder.Services.BuildServiceProvider();
    }
}
