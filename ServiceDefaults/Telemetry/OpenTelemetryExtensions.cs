using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry wired by hand with the SDK: traces, metrics (with exemplars) and logs, exported by
/// OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Adds tracing, metrics and logging with the Platform's sources and meters, the semantic-convention
    /// server span (<c>GET /api/cart/{userId}</c>), and OTLP export when configured. Called by
    /// <c>AddServiceDefaults</c>; calling it twice is harmless.
    /// <code>
    /// // OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
    /// builder.ConfigureOpenTelemetry();
    /// </code>
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(TelemetryProvidersLifetime)))
        {
            return builder;
        }

        var settings = OtlpSettings.From(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddSingleton(settings);

        // Console and other scope-aware loggers show the trace and span ids too.
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.ParseStateValues = true;
            logging.SetResourceBuilder(settings.CreateResourceBuilder());
            if (settings.ExportEnabled)
            {
                logging.AddOtlpExporter(o => settings.Apply(o, "v1/logs"));
            }
        });

        builder.Services.AddOptions<TelemetryBuilderHooks>();
        builder.Services.AddSingleton(sp => BuildTracerProvider(settings, sp.GetRequiredService<IOptions<TelemetryBuilderHooks>>().Value));
        builder.Services.AddSingleton(sp => BuildMeterProvider(settings, sp.GetRequiredService<IOptions<TelemetryBuilderHooks>>().Value));
        builder.Services.AddHostedService<TelemetryProvidersLifetime>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, HttpServerSpanStartupFilter>());
        return builder;
    }

    /// <summary>
    /// Adds configuration to the tracer provider that ServiceDefaults builds (an extra source, a
    /// processor, an exporter in tests).
    /// <code>builder.Services.ConfigurePlatformTracing(t => t.AddSource("Confluent.Kafka"));</code>
    /// </summary>
    public static IServiceCollection ConfigurePlatformTracing(this IServiceCollection services, Action<TracerProviderBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure<TelemetryBuilderHooks>(h => h.Tracing.Add(configure));
        return services;
    }

    /// <summary>
    /// Adds configuration to the meter provider that ServiceDefaults builds (an extra meter, a view, a reader).
    /// <code>builder.Services.ConfigurePlatformMetrics(m => m.AddMeter("Some.Library"));</code>
    /// </summary>
    public static IServiceCollection ConfigurePlatformMetrics(this IServiceCollection services, Action<MeterProviderBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure<TelemetryBuilderHooks>(h => h.Metrics.Add(configure));
        return services;
    }

    private static TracerProvider BuildTracerProvider(OtlpSettings settings, TelemetryBuilderHooks hooks)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(settings.CreateResourceBuilder())
            .AddSource([.. TelemetryNames.ActivitySources]);
        foreach (var hook in hooks.Tracing)
        {
            hook(tracing);
        }

        if (settings.ExportEnabled)
        {
            tracing.AddOtlpExporter(o => settings.Apply(o, "v1/traces"));
        }

        return tracing.Build() ?? throw new InvalidOperationException("The OpenTelemetry tracer provider could not be built.");
    }

    private static MeterProvider BuildMeterProvider(OtlpSettings settings, TelemetryBuilderHooks hooks)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(settings.CreateResourceBuilder())
            .AddMeter([.. TelemetryNames.Meters])
            // A measurement taken inside a sampled span keeps its trace id, so a latency spike links to its trace.
            .SetExemplarFilter(ExemplarFilterType.TraceBased);
        foreach (var hook in hooks.Metrics)
        {
            hook(metrics);
        }

        if (settings.ExportEnabled)
        {
            metrics.AddOtlpExporter((exporter, reader) =>
            {
                settings.Apply(exporter, "v1/metrics");
                if (settings.MetricExportIntervalMilliseconds is { } interval)
                {
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                }
            });
        }

        return metrics.Build() ?? throw new InvalidOperationException("The OpenTelemetry meter provider could not be built.");
    }
}
