using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Payment.Tests.Infrastructure;

/// <summary>
/// A tiny real OFREP endpoint on 127.0.0.1 (Kestrel, free port): answers
/// <c>POST /ofrep/v1/evaluate/flags/{key}</c> with the value set by the test, or 404 FLAG_NOT_FOUND.
/// </summary>
public sealed class OfrepTestServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, JsonNode> _flags = new();
    private readonly ConcurrentDictionary<string, int> _evaluations = new();
    private WebApplication? _app;

    public string Address { get; private set; } = "";

    public static async Task<OfrepTestServer> StartAsync()
    {
        var server = new OfrepTestServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/ofrep/v1/evaluate/flags/{key}", (string key) =>
        {
            server._evaluations.AddOrUpdate(key, 1, (_, n) => n + 1);
            return server._flags.TryGetValue(key, out var value)
                ? Results.Json(new { key, value = value.DeepClone(), variant = value.ToJsonString(), reason = "STATIC" })
                : Results.Json(new { key, errorCode = "FLAG_NOT_FOUND", errorDetails = $"flag {key} not found" }, statusCode: 404);
        });
        await app.StartAsync();
        server._app = app;
        server.Address = app.Urls.Single();
        return server;
    }

    public void Set(string key, JsonNode value) => _flags[key] = value;

    public void Remove(string key) => _flags.TryRemove(key, out _);

    public int Evaluations(string key) => _evaluations.GetValueOrDefault(key);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
