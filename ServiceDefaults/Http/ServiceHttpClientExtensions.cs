using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Typed HttpClients whose base address comes from Aspire's <c>services:&lt;name&gt;:http:0</c>.</summary>
public static class ServiceHttpClientExtensions
{
    /// <summary>
    /// Registers a typed client for another service of the Platform. Its base address is read from
    /// configuration key <c>services:{serviceName}:http:0</c> (env <c>services__{serviceName}__http__0</c>).
    /// <code>builder.AddServiceHttpClient&lt;CartClient&gt;("cart");</code>
    /// </summary>
    public static IHttpClientBuilder AddServiceHttpClient<TClient>(this IHostApplicationBuilder builder, string serviceName)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var key = $"services:{serviceName}:http:0";
        var address = builder.Configuration[key]
            ?? throw new InvalidOperationException($"No address for service '{serviceName}': set configuration '{key}' (env services__{serviceName}__http__0).");
        return builder.Services.AddHttpClient<TClient>(c => c.BaseAddress = new Uri(address));
    }
}
