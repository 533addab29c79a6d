using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>
/// The standard resilience handler every HttpClient gets from AddDefaultHttpClients, configured from
/// Http:Resilience, against a real failing server found by service discovery.
/// </summary>
public sealed class ResilienceTests(FakeBackend backend) : IClassFixture<FakeBackend>
{
    public sealed class BackendClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    public sealed class OtherClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Http:Resilience:Retry:Delay"] = "00:00:00.010",
    };

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task Safe_request_is_retried_on_server_error(string method)
    {
        var id = NewId();
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();

        using var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"fail/{id}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, backend.Hits(id)); // the first attempt and 3 retries (the default)
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Unsafe_request_is_never_retried(string method)
    {
        var id = NewId();
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
    public async Task Post_is_not_retried_after_a_connection_failure_either()
    {
        using var services = CreateClientServices(FastRetries, address: TestApps.ClosedAddress());
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.PostAsync("anything", new StringContent("{}")));

        Assert.Single(recorder.ClientSpans);
    }

    [Fact]
    public async Task Each_retry_attempt_is_its_own_client_span()
    {
        var id = NewId();
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
        var id = NewId();
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        using var response = await client.Http.GetAsync($"flaky/{id}/2");

        var parentIds = backend.Traceparents(id).Select(t => t.Split('-')[2]);
        Assert.Equal(recorder.ClientSpans.Select(s => s.SpanId.ToHexString()), parentIds);
    }

    [Fact]
    public async Task Client_span_carries_the_resolved_address_not_the_service_name()
    {
        var id = NewId();
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var recorder = new ClientSpanRecorder();

        using var response = await client.Http.GetAsync($"ok/{id}");

        var span = Assert.Single(recorder.ClientSpans);
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal(backend.Address.Port, span.GetTagItem("server.port"));
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
        var id = NewId();
        using var services = CreateClientServices(BreakerSettings());
        var client = services.GetRequiredService<BackendClient>();
        (await client.Http.GetAsync($"fail/{id}")).Dispose(); // two failed attempts: the breaker's minimum throughput

        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.Http.GetAsync($"fail/{id}"));

        Assert.Equal(2, backend.Hits(id));
    }

    [Fact]
    public async Task Breaker_stays_closed_while_a_service_fails_half_its_calls()
    {
        var id = NewId();
        using var services = CreateClientServices(new() { ["Http:Resilience:CircuitBreaker:MinimumThroughput"] = "2" });
        var client = services.GetRequiredService<BackendClient>();

        // POSTs are not retried: one call is one sample of the breaker.
        for (var i = 0; i < 20; i++)
        {
            (await client.Http.PostAsync(i % 2 == 0 ? $"fail/{id}" : $"ok/{id}", new StringContent("{}"))).Dispose();
        }

        Assert.Equal(20, backend.Hits(id)); // an open breaker would have refused some: BrokenCircuitException
    }

    [Fact]
    public async Task Breaker_opens_with_the_default_ratio_when_every_call_fails()
    {
        var id = NewId();
        using var services = CreateClientServices(new() { ["Http:Resilience:CircuitBreaker:MinimumThroughput"] = "2" });
        var client = services.GetRequiredService<BackendClient>();
        (await client.Http.PostAsync($"fail/{id}", new StringContent("{}"))).Dispose();
        (await client.Http.PostAsync($"fail/{id}", new StringContent("{}"))).Dispose();

        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.Http.PostAsync($"fail/{id}", new StringContent("{}")));

        Assert.Equal(2, backend.Hits(id));
    }

    [Fact]
    public async Task Open_breaker_of_one_service_does_not_stop_calls_to_another()
    {
        var id = NewId();
        var settings = BreakerSettings();
        settings["services:other:http:0"] = backend.Address.ToString();
        using var services = CreateClientServices(settings, configure: b => b.AddServiceHttpClient<OtherClient>("other"));
        var failing = services.GetRequiredService<BackendClient>();
        (await failing.Http.GetAsync($"fail/{id}")).Dispose();
        await Assert.ThrowsAsync<BrokenCircuitException>(() => failing.Http.GetAsync($"fail/{id}"));

        using var response = await services.GetRequiredService<OtherClient>().Http.GetAsync($"ok/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Slow_attempt_is_cancelled_by_the_attempt_timeout_and_retried()
    {
        var id = NewId();
        using var services = CreateClientServices(new()
        {
            // 1 s attempts, not less: on a loaded CI machine a shorter one can end before the request reached
            // the backend (fewer hits), which says nothing about retries. Two of them still end well before
            // the backend's 5 s answer would.
            ["Http:Resilience:AttemptTimeout:Timeout"] = "00:00:01",
            ["Http:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["Http:Resilience:Retry:Delay"] = "00:00:00.010",
        });
        var client = services.GetRequiredService<BackendClient>();
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.Http.GetAsync($"slow/{id}"));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"took {stopwatch.Elapsed}");
        Assert.Equal(2, backend.Hits(id));
    }

    [Fact]
    public async Task Total_timeout_bounds_the_whole_call_including_retries()
    {
        var id = NewId();
        using var services = CreateClientServices(new()
        {
            // Ten 1 s attempts would take 10 s; the total timeout ends the call after the second began.
            ["Http:Resilience:AttemptTimeout:Timeout"] = "00:00:01",
            ["Http:Resilience:TotalRequestTimeout:Timeout"] = "00:00:01.500",
            ["Http:Resilience:Retry:MaxRetryAttempts"] = "10",
            ["Http:Resilience:Retry:Delay"] = "00:00:00.010",
        });
        var client = services.GetRequiredService<BackendClient>();
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.Http.GetAsync($"slow/{id}"));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.InRange(backend.Hits(id), 1, 2);
    }

    [Fact]
    public async Task Post_that_times_out_is_not_retried()
    {
        var id = NewId();
        using var services = CreateClientServices(new()
        {
            // 1 s, not less: on a loaded CI machine a 200 ms attempt could time out before the POST reached the
            // backend at all (0 hits), which says nothing about retries.
            ["Http:Resilience:AttemptTimeout:Timeout"] = "00:00:01",
            ["Http:Resilience:Retry:Delay"] = "00:00:00.010",
        });
        var client = services.GetRequiredService<BackendClient>();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.Http.PostAsync($"slow/{id}", new StringContent("{}")));

        Assert.Equal(1, backend.Hits(id));
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_OperationCanceledException()
    {
        var id = NewId();
        using var services = CreateClientServices(FastRetries);
        var client = services.GetRequiredService<BackendClient>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Http.GetAsync($"slow/{id}", cancellation.Token));
    }

    [Fact]
    public async Task Client_with_its_own_options_gets_one_handler_that_still_never_retries_a_post()
    {
        var id = NewId();
        var postId = NewId();
        using var services = CreateClientServices(FastRetries, configure: b => b.AddServiceHttpClient<OtherClient>(
            "backend", o => o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1)));
        var client = services.GetRequiredService<OtherClient>();

        using (var response = await client.Http.GetAsync($"fail/{id}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.Http.PostAsync($"slow/{postId}", new StringContent("{}")));
        // One pipeline: 1 + 3 retries. The defaults' handler left in place as well would make it 16.
        Assert.Equal(4, backend.Hits(id));
        Assert.Equal(1, backend.Hits(postId));
    }

    [Fact]
    public async Task Any_client_resolves_a_service_name_through_discovery()
    {
        var id = NewId();
        using var services = CreateClientServices(FastRetries, configure: b =>
            b.Services.AddHttpClient("plain", c => c.BaseAddress = new Uri("http://backend")));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("plain");

        var body = await client.GetStringAsync($"ok/{id}");

        Assert.Equal("\"ok\"", body);
        Assert.Equal(1, backend.Hits(id));
    }

    [Fact]
    public void Missing_service_address_fails_at_startup_naming_the_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddServiceHttpClient<BackendClient>("nowhere"));

        Assert.Contains("services:nowhere:http:0", exception.Message);
    }

    [Fact]
    public async Task Unknown_resilience_key_fails_at_startup_naming_it()
    {
        using var host = CreateHost(new() { ["Http:Resilience:MaxRetryAttempts"] = "0" });

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("MaxRetryAttempts", exception.ToString());
    }

    [Fact]
    public async Task Attempt_timeout_longer_than_the_total_fails_at_startup()
    {
        using var host = CreateHost(new()
        {
            ["Http:Resilience:AttemptTimeout:Timeout"] = "00:01:00",
            ["Http:Resilience:CircuitBreaker:SamplingDuration"] = "00:05:00",
        });

        var exception = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Total request timeout", exception.Message);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Dictionary<string, string?> BreakerSettings() => new()
    {
        ["Http:Resilience:Retry:Delay"] = "00:00:00.010",
        ["Http:Resilience:Retry:MaxRetryAttempts"] = "1",
        ["Http:Resilience:CircuitBreaker:MinimumThroughput"] = "2",
        ["Http:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
        ["Http:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30",
    };

    private IHost CreateHost(Dictionary<string, string?> settings) => CreateBuilder(settings, address: null).Build();

    private ServiceProvider CreateClientServices(Dictionary<string, string?> settings, Uri? address = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(settings, address);
        configure?.Invoke(builder);
        return builder.Services.BuildServiceProvider();
    }

    private HostApplicationBuilder CreateBuilder(Dictionary<string, string?> settings, Uri? address)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["services:backend:http:0"] = (address ?? backend.Address).ToString();
        builder.AddDefaultHttpClients();
        builder.AddServiceHttpClient<BackendClient>("backend");
        return builder;
    }
}
