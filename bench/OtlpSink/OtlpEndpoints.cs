using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;

namespace Platform.Bench.OtlpSink;

/// <summary>
/// OTLP's two transports, answered the cheapest correct way: OTLP/gRPC (unary <c>Export</c> on HTTP/2,
/// length-prefixed messages, <c>grpc-status</c> trailer) and OTLP/HTTP protobuf (<c>POST /v1/traces</c>,
/// <c>/v1/metrics</c>, <c>/v1/logs</c>). Every request is counted by <see cref="OtlpCounts"/>; the
/// answer is the empty <c>Export*ServiceResponse</c> (full success).
/// </summary>
public static class OtlpEndpoints
{
    private static readonly byte[] EmptyGrpcMessage = [0, 0, 0, 0, 0];

    public static void MapOtlp(this WebApplication app, OtlpCounts counts)
    {
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", context => ReceiveGrpcAsync(context, Signal.Traces, counts));
        app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", context => ReceiveGrpcAsync(context, Signal.Metrics, counts));
        app.MapPost("/opentelemetry.proto.collector.logs.v1.LogsService/Export", context => ReceiveGrpcAsync(context, Signal.Logs, counts));
        app.MapPost("/v1/traces", context => ReceiveHttpAsync(context, Signal.Traces, counts));
        app.MapPost("/v1/metrics", context => ReceiveHttpAsync(context, Signal.Metrics, counts));
        app.MapPost("/v1/logs", context => ReceiveHttpAsync(context, Signal.Logs, counts));
    }

    private static async Task ReceiveGrpcAsync(HttpContext context, Signal signal, OtlpCounts counts)
    {
        var body = await ReadBodyAsync(context.Request.BodyReader, context.RequestAborted);
        context.Response.ContentType = "application/grpc";
        var status = 0;
        try
        {
            // One length-prefixed message: compressed flag (1 byte), length (4 bytes, big-endian), message.
            if (body.Length < 5 || BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1)) != body.Length - 5)
            {
                throw new FormatException("Not one length-prefixed gRPC message.");
            }

            var message = body[0] == 1 ? Gunzip(body.AsSpan(5)) : body.AsSpan(5).ToArray();
            counts.Add(signal, message);
            await context.Response.Body.WriteAsync(EmptyGrpcMessage, context.RequestAborted);
        }
        catch (FormatException)
        {
            status = 3; // INVALID_ARGUMENT
        }

        context.Response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task ReceiveHttpAsync(HttpContext context, Signal signal, OtlpCounts counts)
    {
        var body = await ReadBodyAsync(context.Request.BodyReader, context.RequestAborted);
        try
        {
            var gzip = string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
            counts.Add(signal, gzip ? Gunzip(body) : body);
            context.Response.ContentType = "application/x-protobuf";
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (FormatException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            // Keep everything until the client has sent it all.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static byte[] Gunzip(ReadOnlySpan<byte> compressed)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        try
        {
            gzip.CopyTo(output);
        }
        catch (InvalidDataException ex)
        {
            throw new FormatException("Not gzip.", ex);
        }

        return output.ToArray();
    }
}
