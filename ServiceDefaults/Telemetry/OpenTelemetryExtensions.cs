using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry the way the Aspire ServiceDefaults template wires it (OpenTelemetry.Extensions.Hosting
/// and the AspNetCore, Http and Runtime instrumentation packages), plus the Platform's own sources
/// and meters, trace-based exemplars and a resource that names the service even outside the AppHost.
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>The standard variable that switches OTLP export on (Aspire's convention: unset = no export).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable that chooses <c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The named HttpClients the OTLP exporter asks IHttpClientFactory for (http/protobuf).</summary>
    private static readonly string[] OtlpExporterHttpClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    /// <summary>
    /// Adds logging (formatted message and scopes), tracing and metrics with the instrumentation packages,
    /// Npgsql's and the Platform's sources and meters, exemplars, the allowed baggage entries copied onto
    /// every span (<see cref="BaggageSpanProcessor"/>), and OTLP export when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. <c>/health</c> and <c>/alive</c> are not traced.
    /// Called by <c>AddServiceDefaults</c>; calling it twice is harmless.
    /// <code>
    /// // OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
    /// builder.ConfigureOpenTelemetry();
    /// // an extra source: builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource("Some.Library"));
    /// </code>
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(OpenTelemetryMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<OpenTelemetryMarker>();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // One instance id per process, shared by traces, metrics and logs (the callback runs once per signal).
        var instanceId = Guid.NewGuid().ToString();
        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddOpenTelemetry()
            // Later detectors win: the application name and a generated instance id are only fallbacks
            // for OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME, which the AppHost and Kubernetes set.
            .ConfigureResource(resource => resource.Clear()
                .AddService(applicationName, serviceInstanceId: instanceId)
                .AddTelemetrySdk()
                .AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryNames.Npgsql, TelemetryNames.PlatformWildcard)
                // A measurement taken inside a sampled span keeps its trace id, so a latency spike links to its trace.
                .SetExemplarFilter(ExemplarFilterType.TraceBased))
            .WithTracing(tracing => tracing
                .AddSource(applicationName, TelemetryNames.Npgsql, TelemetryNames.PlatformWildcard)
                // session.id and synthetic_request from the W3C baggage onto every span (filter synthetic traffic).
                .AddProcessor(new BaggageSpanProcessor())
                // Probes every few seconds would drown the real traffic; a filtered request is not
                // recorded, so its children (a health check's database call) are dropped too.
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    aspNetCore.Filter = context => !Extensions.IsHealthProbe(context.Request.Path);
                    aspNetCore.EnrichWithHttpResponse = (activity, _) => GroupRootRoute.Trim(activity);
                })
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        // The SDK falls back to grpc on a value it does not know, which silently sends grpc to an
        // http/protobuf port: refuse it at start instead.
        var protocol = builder.Configuration[OtlpProtocolKey];
        if (!string.IsNullOrWhiteSpace(protocol) && protocol.Trim() is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"Unsupported {OtlpProtocolKey} '{protocol}': use 'grpc' or 'http/protobuf'.");
        }

        // Endpoint, protocol, headers and export interval come from the OTEL_* keys (configuration, so the environment too).
        builder.Services.AddOpenTelemetry().UseOtlpExporter();

        // For http/protobuf the exporter takes its HttpClient from IHttpClientFactory, so it would get the
        // defaults of every client: retries (the exporter retries by itself), a breaker, and a service
        // discovery resolver that the container disposes before the providers flush at shutdown, which
        // lost the last spans and metrics. The exporter's clients keep none of those handlers.
        foreach (var client in OtlpExporterHttpClients)
        {
            builder.Services.AddHttpClient(client).ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        }

        return builder;
    }

    private sealed class OpenTelemetryMarker;
}
