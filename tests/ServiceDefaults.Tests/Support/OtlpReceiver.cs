using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ServiceDefaults.Tests.Support;

/// <summary>
/// The smallest OTLP collector that proves an export happened: it accepts every POST (http/protobuf
/// on /v1/*, or gRPC over HTTP/2 cleartext), keeps the bodies per path and answers success.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _requests = new();
    private WebApplication _app = null!;

    public Uri Address => _app.Address();

    public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Requests => [.. _requests];

    public int Count(string path) => _requests.Count(r => r.Path == path);

    public bool AnyBodyContains(string path, byte[] bytes) =>
        _requests.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(bytes) >= 0);

    public static async Task<OtlpReceiver> StartAsync(bool grpc)
    {
        var receiver = new OtlpReceiver();
        var builder = TestApps.CreateBuilder();
        if (grpc)
        {
            // gRPC needs HTTP/2; without TLS Kestrel speaks it only when told to (prior knowledge).
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        }

        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver._requests.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            if (grpc)
            {
                // An empty Export*ServiceResponse in gRPC framing: no compression, length 0; then grpc-status 0.
                context.Response.ContentType = "application/grpc";
                await context.Response.Body.WriteAsync(new byte[5]);
                context.Response.AppendTrailer("grpc-status", "0");
                return;
            }

            context.Response.ContentType = "application/x-protobuf";
        });
        receiver._app = await TestApps.StartAsync(app);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.ShutDownAsync();
    }
}
