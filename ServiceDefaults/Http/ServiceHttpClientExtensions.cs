using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>Typed HttpClients whose base address comes from Aspire's <c>services:&lt;name&gt;:http:0</c>.</summary>
public static class ServiceHttpClientExtensions
{
    /// <summary>
    /// Registers a typed client for another service of the Platform. Its base address is read from
    /// configuration key <c>services:{serviceName}:http:0</c> (env <c>services__{serviceName}__http__0</c>),
    /// and the shared resilience handler is added (timeouts, retries for idempotent methods only,
    /// circuit breaker; see <see cref="HttpResilienceOptions"/>).
    /// <code>
    /// builder.AddServiceHttpClient&lt;CartClient&gt;("cart");
    /// builder.AddServiceHttpClient&lt;CheckoutClient&gt;("checkout", o => o.AttemptTimeout = TimeSpan.FromSeconds(30));
    /// </code>
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">The referenced service's resource name, e.g. <c>cart</c>.</param>
    /// <param name="configureResilience">Overrides of <see cref="HttpResilienceOptions"/> for this client only, e.g. a longer
    /// budget for a call whose callee waits on its own dependencies.</param>
    /// <exception cref="InvalidOperationException">The address is not configured (the message names the key).</exception>
    public static IHttpClientBuilder AddServiceHttpClient<TClient>(
        this IHostApplicationBuilder builder, string serviceName, Action<HttpResilienceOptions>? configureResilience = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var key = $"services:{serviceName}:http:0";
        var address = builder.Configuration[key]
            ?? throw new InvalidOperationException($"No address for service '{serviceName}': set configuration '{key}' (env services__{serviceName}__http__0).");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress))
        {
            throw new InvalidOperationException($"The address '{address}' of service '{serviceName}' (configuration '{key}') is not an absolute URI.");
        }

        return builder.Services
            .AddHttpClient<TClient>(c => c.BaseAddress = baseAddress)
            .AddServiceResilienceHandler(configureResilience);
    }

    /// <summary>
    /// Adds the Platform's resilience handler to any HttpClient: a total and a per-attempt timeout,
    /// jittered exponential retries of idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE; never POST
    /// or PATCH) on 5xx/408/429/connection failure/timeout, and a circuit breaker per client. Options
    /// come from <c>Http:Resilience</c>, then <paramref name="configure"/> for this client only.
    /// Failures surface as <see cref="HttpRequestException"/>.
    /// <code>builder.Services.AddHttpClient("maps").AddServiceResilienceHandler(o => o.MaxRetryAttempts = 1);</code>
    /// </summary>
    public static IHttpClientBuilder AddServiceResilienceHandler(this IHttpClientBuilder builder, Action<HttpResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<HttpResilienceOptions>(builder.Name)
            .BindConfiguration(HttpResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout <= o.TotalTimeout, "Http:Resilience: AttemptTimeout must not exceed TotalTimeout.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<HttpResiliencePipelines>();
        var name = builder.Name;
        return builder.AddHttpMessageHandler(sp =>
            new ResilienceHandler(sp.GetRequiredService<HttpResiliencePipelines>().Get(name), name));
    }
}
