using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Tests;

/// <summary>
/// The trace sampler is chosen by the standard keys <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c>
/// (configuration, so the environment too). Load runs use <c>parentbased_traceidratio</c>; the default keeps
/// every trace (the dashboard must see them all).
/// </summary>
public sealed class TraceSamplerTests
{
    private const int Roots = 2000;

    [Fact]
    public void Parent_based_ratio_from_configuration_records_about_that_share_of_new_traces()
    {
        using var tracing = Tracing.Start(new() { ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio", ["OTEL_TRACES_SAMPLER_ARG"] = "0.25" });

        var recorded = Enumerable.Range(0, Roots).Count(_ => tracing.StartRoot());

        // Trace ids are random: 25 % of 2000 is 500 ± 19 (one standard deviation).
        Assert.InRange(recorded, Roots * 0.18, Roots * 0.32);
    }

    [Fact]
    public void Parent_based_ratio_follows_the_callers_decision()
    {
        using var tracing = Tracing.Start(new() { ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio", ["OTEL_TRACES_SAMPLER_ARG"] = "0" });

        Assert.True(tracing.StartChildOf(ActivityTraceFlags.Recorded), "a sampled caller's trace was dropped");
        Assert.False(tracing.StartChildOf(ActivityTraceFlags.None), "an unsampled caller's trace was recorded");
        Assert.False(tracing.StartRoot(), "ratio 0 recorded a new trace");
    }

    [Fact]
    public void Without_configuration_every_trace_is_recorded()
    {
        using var tracing = Tracing.Start([]);

        var recorded = Enumerable.Range(0, 200).Count(_ => tracing.StartRoot());

        Assert.Equal(200, recorded);
    }

    /// <summary>
    /// A host with ServiceDefaults' telemetry and a source only its tracer listens to: an activity is recorded
    /// when any listener samples it, and other tests' hosts (always on) listen to <c>Platform.*</c> meanwhile.
    /// </summary>
    private sealed class Tracing : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly ActivitySource _source;

        private Tracing(ServiceProvider services, ActivitySource source) => (_services, _source) = (services, source);

        public static Tracing Start(Dictionary<string, string?> configuration)
        {
            var source = new ActivitySource("SamplerTests." + Guid.NewGuid().ToString("N"));
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.ConfigureOpenTelemetry();
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(source.Name));
            var services = builder.Services.BuildServiceProvider();
            services.GetRequiredService<TracerProvider>();
            return new Tracing(services, source);
        }

        public bool StartRoot()
        {
            using var activity = _source.StartActivity("root", ActivityKind.Server, parentContext: default);
            return activity?.Recorded ?? false;
        }

        public bool StartChildOf(ActivityTraceFlags callerFlags)
        {
            var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), callerFlags, isRemote: true);
            using var activity = _source.StartActivity("child", ActivityKind.Server, caller);
            return activity?.Recorded ?? false;
        }

        public void Dispose()
        {
            _source.Dispose();
            _services.Dispose();
        }
    }
}
