using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ServiceDefaults.Tests;

/// <summary>Exemplars link a measurement to the sampled trace it was taken in (trace-based filter).</summary>
public sealed class ExemplarTests
{
    [Fact]
    public void Measurement_inside_a_sampled_span_keeps_its_trace_id_as_exemplar()
    {
        var meterName = "Platform.Tests.Exemplars" + Guid.NewGuid().ToString("N");
        var exporter = new CollectingMetricExporter(meterName);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.ConfigureOpenTelemetry();
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddReader(new BaseExportingMetricReader(exporter)));
        using var services = builder.Services.BuildServiceProvider();
        var provider = services.GetRequiredService<MeterProvider>();
        using var meter = new Meter(meterName);
        var histogram = meter.CreateHistogram<double>("app.test.duration");
        using var source = new ActivitySource(meterName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        ActivityTraceId traceId;
        using (var span = source.StartActivity("work")!)
        {
            traceId = span.TraceId;
            histogram.Record(12.5);
        }

        histogram.Record(3.0); // outside any span: no exemplar
        provider.ForceFlush();

        Assert.Equal([traceId], exporter.ExemplarTraceIds);
    }

    private sealed class CollectingMetricExporter(string meterName) : BaseExporter<Metric>
    {
        public List<ActivityTraceId> ExemplarTraceIds { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                if (metric.MeterName != meterName)
                {
                    continue;
                }

                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    if (point.TryGetExemplars(out var exemplars))
                    {
                        foreach (ref readonly var exemplar in exemplars)
                        {
                            ExemplarTraceIds.Add(exemplar.TraceId);
                        }
                    }
                }
            }

            return ExportResult.Success;
        }
    }
}
