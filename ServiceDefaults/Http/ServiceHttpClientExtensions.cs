using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Hosting;

/// <summary>Typed HttpClients for the other services of the Platform, found by service discovery.</summary>
public static class ServiceHttpClientExtensions
{
    /// <summary>
    /// Registers a typed client whose base address is <c>http://{serviceName}</c>, which service discovery
    /// resolves from <c>services:{serviceName}:http:0</c> (env <c>services__{serviceName}__http__0</c>); the
    /// standard resilience handler comes from <see cref="HttpClientDefaultsExtensions.AddDefaultHttpClients"/>.
    /// With <paramref name="configureResilience"/> the client gets its own handler instead, configured like the
    /// default one and then by the callback.
    /// <code>
    /// builder.AddServiceHttpClient&lt;CartClient&gt;(ResourceNames.Cart);
    /// builder.AddServiceHttpClient&lt;CheckoutClient&gt;(ResourceNames.Checkout, o =>
    /// {
    ///     o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
    ///     o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
    ///     o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60); // at least twice the attempt timeout
    /// });
    /// </code>
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">The referenced service's resource name, e.g. <c>cart</c>.</param>
    /// <param name="configureResilience">Overrides of the standard handler's options for this client only, e.g. a
    /// longer budget for a call whose callee waits on its own dependencies. Unsafe methods stay unretried.</param>
    /// <exception cref="InvalidOperationException">The address is not configured (the message names the key).</exception>
    public static IHttpClientBuilder AddServiceHttpClient<TClient>(
        this IHostApplicationBuilder builder, string serviceName, Action<HttpStandardResilienceOptions>? configureResilience = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        // Discovery would only fail at the first call; a missing address is a deployment error worth failing the start for.
        var key = $"services:{serviceName}:http:0";
        if (string.IsNullOrWhiteSpace(builder.Configuration[key]))
        {
            throw new InvalidOperationException($"No address for service '{serviceName}': set configuration '{key}' (env services__{serviceName}__http__0).");
        }

        builder.AddDefaultHttpClients();
        var client = builder.Services.AddHttpClient<TClient>(c => c.BaseAddress = new Uri($"http://{serviceName}"));
        if (configureResilience is not null)
        {
            var section = builder.Configuration.GetSection(HttpClientDefaultsExtensions.ResilienceSectionName);
            // The documented way to replace the defaults' handler for one client (dotnet/extensions#5695);
            // still marked for evaluation in 10.x.
#pragma warning disable EXTEXP0001
            client.RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
                .AddStandardResilienceHandler()
                .Configure(options => HttpClientDefaultsExtensions.ConfigureResilience(options, section, configureResilience));
        }

        return client;
    }
}
