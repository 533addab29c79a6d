using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Service discovery and the standard resilience handler (Microsoft.Extensions.ServiceDiscovery and
/// Microsoft.Extensions.Http.Resilience) for every HttpClient of the service, as in the Aspire template.
/// </summary>
public static class HttpClientDefaultsExtensions
{
    /// <summary>
    /// The configuration section bound to the standard handler's <see cref="HttpStandardResilienceOptions"/>,
    /// e.g. <c>Http:Resilience:Retry:MaxRetryAttempts</c> or <c>Http:Resilience:AttemptTimeout:Timeout</c>.
    /// </summary>
    public const string ResilienceSectionName = "Http:Resilience";

    /// <summary>
    /// Makes every HttpClient resolve <c>http://&lt;name&gt;</c> from <c>services:&lt;name&gt;:http:0</c> and
    /// run through the standard resilience handler: rate limiter, total timeout (30 s), retry (3, exponential
    /// from 2 s with jitter; GET, HEAD, OPTIONS, PUT, DELETE, TRACE only, never POST or PATCH), circuit breaker,
    /// attempt timeout (10 s). Options come from <see cref="ResilienceSectionName"/>, are validated at start,
    /// and an unknown key there is a startup error. One pipeline (one breaker) per called service.
    /// A timeout surfaces as Polly's <c>TimeoutRejectedException</c>, an open breaker as <c>BrokenCircuitException</c>,
    /// a connection failure as <see cref="HttpRequestException"/>. Called by <c>AddServiceDefaults</c>;
    /// calling it twice is harmless.
    /// <code>
    /// builder.AddDefaultHttpClients();
    /// builder.Services.AddHttpClient&lt;CartClient&gt;(c => c.BaseAddress = new("http://cart"));
    /// </code>
    /// </summary>
    public static TBuilder AddDefaultHttpClients<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(DefaultHttpClientsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<DefaultHttpClientsMarker>();
        // Polly logs every execution attempt at Information: an operator's structured logs would be mostly
        // "Execution attempt ... Result: '200'". Retries, timeouts and the breaker are warnings and stay.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddServiceDiscovery();
        var section = builder.Configuration.GetSection(ResilienceSectionName);
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // The defaults' builder has no client name, so every client would share one pipeline and
            // one breaker; keyed by authority (the service name, before discovery rewrites it), a
            // failing cart cannot open the breaker for payment.
            http.AddStandardResilienceHandler()
                .Configure(options => ConfigureResilience(options, section, configure: null))
                .SelectPipelineByAuthority();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// The breaker opens when this share of the calls in its window failed. The package's 0.1 turns a partial
    /// failure into a whole one: a payment provider failing one charge in ten would have every checkout refused
    /// while the breaker is open, and an operator who switched on <c>paymentFailure</c> at 10 % or 50 % would see
    /// an outage instead of the rate they set. The breaker is for a service that is down, not degraded.
    /// </summary>
    internal const double DefaultBreakerFailureRatio = 0.95;

    /// <summary>
    /// Sets the Platform's breaker ratio, binds the section (an unknown key throws, so a misspelt or outdated
    /// setting fails the start instead of being ignored), applies a client's own overrides, then makes sure
    /// unsafe methods are never retried: a retried POST could charge a card twice.
    /// </summary>
    internal static void ConfigureResilience(HttpStandardResilienceOptions options, IConfigurationSection section, Action<HttpStandardResilienceOptions>? configure)
    {
        options.CircuitBreaker.FailureRatio = DefaultBreakerFailureRatio;
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        configure?.Invoke(options);
        options.Retry.DisableForUnsafeHttpMethods();
    }

    private sealed class DefaultHttpClientsMarker;
}
