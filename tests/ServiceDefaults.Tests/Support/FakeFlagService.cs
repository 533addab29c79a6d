using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Tests.Support;

/// <summary>
/// An OFREP server on real Kestrel whose answer per flag key a test sets; it counts the calls and
/// keeps the last request body per key. Tests share it, each with its own flag keys.
/// </summary>
public sealed class FakeFlagService : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (int Status, string Json, TimeSpan Delay)> _answers = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, string> _bodies = new();
    private WebApplication _app = null!;

    public Uri Address => _app.Address();

    public void Answer(string key, int status, string json, TimeSpan delay = default) => _answers[key] = (status, json, delay);

    public void AnswerValue(string key, string jsonValue, string variant) =>
        Answer(key, 200, $$"""{"key":"{{key}}","value":{{jsonValue}},"reason":"STATIC","variant":"{{variant}}","metadata":{} }""");

    public int Hits(string key) => _hits.GetValueOrDefault(key);

    public string? LastBody(string key) => _bodies.GetValueOrDefault(key);

    public async Task InitializeAsync()
    {
        var app = TestApps.CreateBuilder().Build();
        app.MapPost("/ofrep/v1/evaluate/flags/{key}", async (string key, HttpContext context) =>
        {
            _hits.AddOrUpdate(key, 1, (_, n) => n + 1);
            _bodies[key] = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var (status, json, delay) = _answers.GetValueOrDefault(key,
                (404, $$"""{"key":"{{key}}","errorCode":"FLAG_NOT_FOUND","errorDetails":"flag not found"}""", TimeSpan.Zero));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        await _app.ShutDownAsync();
    }
}
