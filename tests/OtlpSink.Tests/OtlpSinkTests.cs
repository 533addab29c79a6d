using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Bench.OtlpSink;

namespace OtlpSink.Tests;

/// <summary>The sink counts what the real OpenTelemetry .NET OTLP exporter sends, over both transports.</summary>
public sealed class OtlpSinkTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task Counts_the_spans_metric_points_and_log_records_of_a_service(OtlpExportProtocol protocol)
    {
        var counts = new OtlpCounts();
        await using var sink = await StartSinkAsync(counts, protocol);
        var name = "Platform.Tests.Sink." + Guid.NewGuid().ToString("N");
        var endpoint = new Uri($"{sink.Urls.First()}{(protocol == OtlpExportProtocol.Grpc ? "" : "/v1/")}");
        var resource = ResourceBuilder.CreateEmpty().AddService("sink-test-service");

        using (var tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(name)
            .AddOtlpExporter(o => { o.Protocol = protocol; o.Endpoint = Signal(endpoint, protocol, "traces"); }).Build())
        using (var source = new ActivitySource(name))
        {
            for (var i = 0; i < 3; i++)
            {
                using var span = source.StartActivity("work");
            }

            Assert.True(tracer.ForceFlush(10_000));
        }

        using (var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(name)
            .AddOtlpExporter(o => { o.Protocol = protocol; o.Endpoint = Signal(endpoint, protocol, "metrics"); }).Build())
        using (var meter = new Meter(name))
        {
            var counter = meter.CreateCounter<long>("app.test.things");
            counter.Add(1, new KeyValuePair<string, object?>("kind", "a"));
            counter.Add(1, new KeyValuePair<string, object?>("kind", "b"));
            Assert.True(meters.ForceFlush(10_000));
            // Read before the provider's disposal exports the (cumulative) points once more.
            Assert.Equal(2, counts.Total(Platform.Bench.OtlpSink.Signal.Metrics)); // one point per attribute set
        }

        using (var logs = LoggerFactory.Create(b => b.AddOpenTelemetry(o => o.SetResourceBuilder(resource)
            .AddOtlpExporter(e => { e.Protocol = protocol; e.Endpoint = Signal(endpoint, protocol, "logs"); }))))
        {
            var logger = logs.CreateLogger("sink-test");
            logger.LogInformation("one");
            logger.LogWarning("two");
        }

        Assert.Equal(3, counts.Total(Platform.Bench.OtlpSink.Signal.Traces));
        Assert.Equal(2, counts.Total(Platform.Bench.OtlpSink.Signal.Logs));
        Assert.All(counts.Snapshot(), item => Assert.Equal("sink-test-service", item.Service));
    }

    [Fact]
    public void A_truncated_request_is_refused()
    {
        var counts = new OtlpCounts();

        // resource_spans (field 1, length-delimited) claiming 16 bytes where 2 follow.
        Assert.Throws<FormatException>(() => counts.Add(Platform.Bench.OtlpSink.Signal.Traces, new byte[] { 0x0A, 0x10, 0x01, 0x02 }));
    }

    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string signal) =>
        protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint, signal);

    private static async Task<WebApplication> StartSinkAsync(OtlpCounts counts, OtlpExportProtocol protocol)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0,
            o => o.Protocols = protocol == OtlpExportProtocol.Grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        app.MapOtlp(counts);
        await app.StartAsync();
        return app;
    }
}
