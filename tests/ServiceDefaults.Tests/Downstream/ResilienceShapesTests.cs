using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Downstream;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ServiceDefaults.Tests.Downstream;

/// <summary>
/// Timeouts and an open breaker arrive in two shapes, and both map the same way: Polly's exceptions
/// as they are (Microsoft.Extensions.Http.Resilience's standard handler) or inside an
/// HttpRequestException (the Platform's older handler, reproduced by <see cref="WrappingHandler"/>).
/// </summary>
public sealed class ResilienceShapesTests(DownstreamPeer peer) : IClassFixture<DownstreamPeer>
{
    private const string Service = "payment";

    // Only the timeout test wants a short attempt timeout: elsewhere a first request that is slow
    // under a loaded CI machine (JIT, connection set-up) must not turn an expected 502 into a 504.
    private static readonly TimeSpan ShortAttempt = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan RoomyAttempt = TimeSpan.FromSeconds(4);

    private HttpClient StandardClient(Uri? address = null, TimeSpan? attemptTimeout = null)
    {
        var attempt = attemptTimeout ?? RoomyAttempt;
        var services = new ServiceCollection();
        services.AddHttpClient(Service, c => c.BaseAddress = address ?? peer.Address)
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                o.AttemptTimeout.Timeout = attempt;
                o.TotalRequestTimeout.Timeout = attempt + TimeSpan.FromSeconds(1);
                o.CircuitBreaker.MinimumThroughput = 2;
                o.CircuitBreaker.FailureRatio = 0.5;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
            });
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(Service);
    }

    private HttpClient WrappedClient(TimeSpan? attemptTimeout = null) =>
        new(new WrappingHandler(new SocketsHttpHandler(), attemptTimeout ?? RoomyAttempt)) { BaseAddress = peer.Address };

    private static Task<Thing> Get(HttpClient http, string path) =>
        http.SendToServiceAsync<Thing>(Service, new HttpRequestMessage(HttpMethod.Get, path), CancellationToken.None);

    [Fact]
    public async Task Standard_handler_attempt_timeout_is_a_504()
    {
        using var http = StandardClient(attemptTimeout: ShortAttempt);

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/slow"));

        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal((504, DownstreamFailure.TimedOut), (error.StatusCode, error.Failure));
    }

    [Fact]
    public async Task Standard_handler_open_breaker_is_a_503_and_the_failures_before_it_502()
    {
        using var http = StandardClient();

        var first = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing"));
        var second = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing"));
        var open = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/ok"));

        Assert.Equal([502, 502], [first.StatusCode, second.StatusCode]);
        Assert.IsType<BrokenCircuitException>(open.InnerException, exactMatch: false);
        Assert.Equal((503, DownstreamFailure.Unavailable, (int?)null), (open.StatusCode, open.Failure, open.ServiceStatusCode));
        Assert.Contains("circuit breaker is open", open.Detail);
    }

    [Fact]
    public async Task Standard_handler_connection_refused_is_a_503()
    {
        using var http = StandardClient(peer.ClosedAddress);

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/ok"));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal((503, DownstreamFailure.Unavailable), (error.StatusCode, error.Failure));
    }

    [Fact]
    public async Task Wrapped_timeout_is_a_504()
    {
        using var http = WrappedClient(ShortAttempt);

        var error = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/slow"));

        Assert.IsType<TimeoutRejectedException>(Assert.IsType<HttpRequestException>(error.InnerException).InnerException);
        Assert.Equal((504, DownstreamFailure.TimedOut), (error.StatusCode, error.Failure));
    }

    [Fact]
    public async Task Wrapped_open_breaker_is_a_503()
    {
        using var http = WrappedClient();

        await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing"));
        await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/failing"));
        var open = await Assert.ThrowsAsync<DownstreamException>(() => Get(http, "/ok"));

        Assert.IsType<BrokenCircuitException>(Assert.IsType<HttpRequestException>(open.InnerException).InnerException, exactMatch: false);
        Assert.Equal((503, DownstreamFailure.Unavailable), (open.StatusCode, open.Failure));
    }

    /// <summary>
    /// A real Polly.Core pipeline (breaker, then an attempt timeout) whose rejections are thrown
    /// inside an HttpRequestException, as the Platform's handler before the standard one did.
    /// </summary>
    private sealed class WrappingHandler(HttpMessageHandler inner, TimeSpan attemptTimeout) : DelegatingHandler(inner)
    {
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                MinimumThroughput = 2,
                FailureRatio = 0.5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r ? (int)r.StatusCode >= 500 : args.Outcome.Exception is not null),
            })
            .AddTimeout(attemptTimeout)
            .Build();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await _pipeline.ExecuteAsync(async ct => await base.SendAsync(request, ct), cancellationToken);
            }
            catch (Exception e) when (e is TimeoutRejectedException or BrokenCircuitException)
            {
                throw new HttpRequestException($"{request.Method} {request.RequestUri} failed: {e.Message}", e);
            }
        }
    }
}
