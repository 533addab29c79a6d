using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A fake FlagService: a real OFREP endpoint on 127.0.0.1 (Kestrel, free port) that answers
/// <c>POST /ofrep/v1/evaluate/flags/{key}</c> with the value a test set, or 404 FLAG_NOT_FOUND,
/// and counts the evaluations per key.
/// </summary>
/// <example>
/// <code>
/// await using var flags = await FakeFlagService.StartAsync();
/// flags.Set("paymentFailure", 0.5);
/// // point the service under test at it: web.UseFakeFlagService(flags), or flags.ClientSettings
/// </code>
/// </example>
public sealed class FakeFlagService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, JsonNode> _flags = new();
    private readonly ConcurrentDictionary<string, int> _evaluations = new();
    private WebApplication? _app;

    /// <summary>
    /// The service's <c>Flags:RequestTimeout</c> here. The default 1 s is for production; on a loaded CI machine an
    /// evaluation took longer, the service fell back to the flag's default, and a test that had set the flag saw
    /// it off (Payment's failure test did, in a CI run).
    /// </summary>
    private const string RequestTimeout = "00:00:10";

    /// <summary>The base address (<c>http://127.0.0.1:port</c>), for <c>services:flagservice:http:0</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The settings that point a service under test here: this address and a generous evaluation timeout.</summary>
    public IReadOnlyDictionary<string, string?> ClientSettings => new Dictionary<string, string?>
    {
        ["services:flagservice:http:0"] = Address,
        ["Flags:RequestTimeout"] = RequestTimeout,
    };

    /// <summary>Starts the server with no flag set (every evaluation is FLAG_NOT_FOUND until <see cref="Set"/>).</summary>
    public static async Task<FakeFlagService> StartAsync()
    {
        var server = new FakeFlagService();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/ofrep/v1/evaluate/flags/{key}", (string key) => server.Evaluate(key));
        await app.StartAsync();
        server._app = app;
        server.Address = app.Urls.Single();
        return server;
    }

    /// <summary>Answers <paramref name="key"/> with <paramref name="value"/> from now on (a bool, number or JSON object).</summary>
    public void Set(string key, JsonNode value) => _flags[key] = value;

    /// <summary>Answers <paramref name="key"/> with FLAG_NOT_FOUND again.</summary>
    public void Remove(string key) => _flags.TryRemove(key, out _);

    /// <summary>How many times <paramref name="key"/> was asked for, found or not.</summary>
    public int Evaluations(string key) => _evaluations.GetValueOrDefault(key);

    private IResult Evaluate(string key)
    {
        _evaluations.AddOrUpdate(key, 1, (_, n) => n + 1);
        return _flags.TryGetValue(key, out var value)
            ? Results.Json(new { key, value = value.DeepClone(), variant = value.ToJsonString(), reason = "STATIC" })
            : Results.Json(new { key, errorCode = "FLAG_NOT_FOUND", errorDetails = $"flag {key} not found" }, statusCode: 404);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
