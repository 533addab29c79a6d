using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Checkout.Tests.Infrastructure;

/// <summary>
/// A real HTTP peer on 127.0.0.1 answering OFREP single-flag evaluations
/// (<c>POST /ofrep/v1/evaluate/flags/{key}</c>) from a dictionary tests may change; unknown flags get FLAG_NOT_FOUND.
/// </summary>
public sealed class FakeFlagService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeFlagService(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public ConcurrentDictionary<string, object> Flags { get; } = new();

    public static async Task<FakeFlagService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeFlagService? self = null;
        app.MapPost("/ofrep/v1/evaluate/flags/{key}", (string key) => self!.Flags.TryGetValue(key, out var value)
            ? Results.Text(JsonSerializer.Serialize(new { key, value, variant = "test", reason = "STATIC" }), "application/json")
            : Results.Text(JsonSerializer.Serialize(new { key, errorCode = "FLAG_NOT_FOUND", errorDetails = $"flag {key} not found" }), "application/json", statusCode: 404));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeFlagService(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
