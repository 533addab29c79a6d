using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests.Support;

/// <summary>
/// An OTLP/HTTP (http/protobuf) receiver on 127.0.0.1 that every service of the Platform exports to:
/// it decodes the spans it gets so tests can follow one trace across processes, and the metrics (name,
/// unit, type, service) so a test can tell which metrics the Platform exports. Log exports are kept as they
/// came (protobuf: a string is its UTF-8 bytes), to search for what must not be logged.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    // Distinct: every export repeats the metrics of the interval before, so a set stays small.
    private readonly ConcurrentDictionary<ReceivedMetric, bool> _metrics = new();
    private readonly ConcurrentDictionary<string, int> _requestsPerPath = new();
    private readonly ConcurrentQueue<byte[]> _logExports = new();
    private readonly ConcurrentQueue<ReceivedMetricPoint> _metricPoints = new();
    private readonly WebApplication _app;

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to give as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Every distinct metric (service, name, unit, type) received so far.</summary>
    public IReadOnlyList<ReceivedMetric> Metrics => [.. _metrics.Keys];

    /// <summary>
    /// The names of the gauges and sums whose values are kept (<see cref="MetricPoints"/>); none unless set, so a
    /// long run does not keep every value of every metric.
    /// </summary>
    public Func<string, bool>? KeepMetricValues { get; set; }

    /// <summary>Every value received so far of the metrics <see cref="KeepMetricValues"/> accepts.</summary>
    public IReadOnlyList<ReceivedMetricPoint> MetricPoints => [.. _metricPoints];

    /// <summary>How many export requests arrived on a path (/v1/traces, /v1/metrics, /v1/logs).</summary>
    public int RequestCount(string path) => _requestsPerPath.GetValueOrDefault(path);

    /// <summary>Every log export request received so far, as its raw protobuf body.</summary>
    public IReadOnlyList<byte[]> LogExports => [.. _logExports];

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._requestsPerPath.AddOrUpdate($"/v1/{signal}", 1, (_, count) => count + 1);
            if (signal == "logs")
            {
                receiver._logExports.Enqueue(body.ToArray());
            }
            else if (signal == "traces")
            {
                foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
                {
                    receiver._spans.Enqueue(span);
                }
            }
            else if (signal == "metrics")
            {
                foreach (var metric in OtlpMetricDecoder.Decode(body.ToArray()))
                {
                    receiver._metrics.TryAdd(metric, true);
                }
                if (receiver.KeepMetricValues is { } keep)
                {
                    foreach (var point in OtlpMetricDecoder.DecodePoints(body.ToArray(), keep))
                    {
                        receiver._metricPoints.Enqueue(point);
                    }
                }
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    /// <summary>Waits until the spans of a trace satisfy <paramref name="complete"/>; returns them (or what arrived by the deadline).</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<ReceivedSpan>, bool> complete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var trace = Spans.Where(s => s.TraceId == traceId).ToList();
            if (complete(trace) || DateTime.UtcNow > deadline)
            {
                return trace;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the first span that matches.</summary>
    public async Task<ReceivedSpan?> WaitForSpanAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow <= deadline)
        {
            if (Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(250);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
