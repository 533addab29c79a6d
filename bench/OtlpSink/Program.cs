// A collector-like OTLP receiver for benchmarks: accepts OTLP/gRPC and OTLP/HTTP protobuf on 127.0.0.1,
// counts spans, metric data points and log records per service, and keeps nothing else.
// Usage: dotnet run --project bench/OtlpSink [-- grpcPort httpPort]   (0 or nothing = free ports)
// Prints "otlp-grpc http://127.0.0.1:X" and "otlp-http http://127.0.0.1:Y" once listening;
// GET /counts on the HTTP port answers what was received (JSON).
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Bench.OtlpSink;

var grpcPort = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
var httpPort = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
ListenOptions? grpc = null, http = null;
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Plain-text HTTP/2 needs its own port (no TLS to negotiate it): the OTLP exporters speak it with prior knowledge.
    kestrel.Listen(IPAddress.Loopback, grpcPort, o => { o.Protocols = HttpProtocols.Http2; grpc = o; });
    kestrel.Listen(IPAddress.Loopback, httpPort, o => { o.Protocols = HttpProtocols.Http1; http = o; });
    // Export batches of a busy service can be large; the OTLP exporters send at most a few MB.
    kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
});

var counts = new OtlpCounts();
var app = builder.Build();
app.MapOtlp(counts);
app.MapGet("/counts", () => new
{
    requests = counts.Requests,
    bytes = counts.Bytes,
    spans = counts.Total(Signal.Traces),
    metricPoints = counts.Total(Signal.Metrics),
    logRecords = counts.Total(Signal.Logs),
    services = counts.Snapshot().Select(i => new { signal = i.Signal.ToString(), service = i.Service, count = i.Count }),
});

await app.StartAsync();
Console.WriteLine($"otlp-grpc http://127.0.0.1:{grpc!.IPEndPoint!.Port}");
Console.WriteLine($"otlp-http http://127.0.0.1:{http!.IPEndPoint!.Port}");
await app.WaitForShutdownAsync();
