using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Tests.Support;

/// <summary>
/// A downstream service on real Kestrel that fails on demand and counts the attempts it received per
/// test id (tests share it, each under its own id).
/// </summary>
public sealed class FakeBackend : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _traceparents = new();
    private WebApplication _app = null!;

    public Uri Address => _app.Address();

    public int Hits(string id) => _hits.GetValueOrDefault(id);

    /// <summary>The traceparent header of each attempt received, in order.</summary>
    public IReadOnlyList<string> Traceparents(string id) => [.. _traceparents.GetValueOrDefault(id) ?? []];

    public async Task InitializeAsync()
    {
        var app = TestApps.CreateBuilder().Build();
        app.Map("/fail/{id}", (string id) => { Count(id); return Results.StatusCode(503); });
        app.Map("/flaky/{id}/{failures:int}", (string id, int failures, HttpRequest request) =>
        {
            _traceparents.GetOrAdd(id, _ => new()).Enqueue(request.Headers["traceparent"].ToString());
            return Count(id) <= failures ? Results.StatusCode(503) : Results.Ok("recovered");
        });
        app.Map("/slow/{id}", async (string id, CancellationToken ct) =>
        {
            Count(id);
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return Results.Ok();
        });
        app.Map("/ok/{id}", (string id) => { Count(id); return Results.Ok("ok"); });
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        await _app.ShutDownAsync();
    }

    private int Count(string id) => _hits.AddOrUpdate(id, 1, (_, n) => n + 1);
}
