using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Platform service shares, in the shape of the Aspire ServiceDefaults template:
/// OpenTelemetry, health checks, service discovery and the standard resilience handler for every
/// HttpClient, problem details and the feature-flag client.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every health check must pass. Not traced.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only checks tagged <c>live</c>. Not traced.</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>
    /// Adds the shared defaults: OpenTelemetry (<see cref="OpenTelemetryExtensions.ConfigureOpenTelemetry"/>),
    /// health checks, service discovery and resilience for every HttpClient
    /// (<see cref="HttpClientDefaultsExtensions.AddDefaultHttpClients"/>), problem details with a traceId, and
    /// the feature-flag client (<c>IFeatureFlags</c>). Call first in a service's Program.cs:
    /// <code>var builder = WebApplication.CreateBuilder(args); builder.AddServiceDefaults();</code>
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultHttpClients();
        builder.AddDefaultProblemDetails();
        builder.AddFeatureFlags();
        return builder;
    }

    /// <summary>
    /// Adds a liveness check tagged <c>live</c> that only proves the process answers. A service adds its
    /// readiness checks (database, Redis) untagged, so they count for <c>/health</c> but not <c>/alive</c>.
    /// A check's status changes are logged every 10 s at most (<see cref="HealthChangeLogger"/>) instead of
    /// ASP.NET's Error line for every unhealthy probe.
    /// <code>builder.Services.AddHealthChecks().AddCheck&lt;RedisHealthCheck&gt;("redis");</code>
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None);
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthChangeLogger>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> and <c>/alive</c> (in every environment: Kubernetes probes them; both are left
    /// out of traces) and turns errors into problem details: an unhandled exception becomes a 500
    /// <c>application/problem+json</c>, an empty error response (a routing 404) gets a problem body.
    /// <code>var app = builder.Build(); app.MapDefaultEndpoints();</code>
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }

    /// <summary>Whether a request path is one of the health endpoints (used to keep them out of traces).</summary>
    internal static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase);
}
