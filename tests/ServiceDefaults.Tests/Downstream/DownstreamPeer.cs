using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Downstream;

/// <summary>
/// A real Kestrel service on 127.0.0.1 that fails every way a peer of the Platform can: 4xx problems
/// (with and without field errors), 5xx with and without problem details, 503/504 of its own, a body
/// that is not JSON, JSON of the wrong shape, a connection cut in the middle of the answer, and an
/// answer that comes after <see cref="SlowDelay"/>. <see cref="ClosedAddress"/> is where nothing listens.
/// </summary>
public sealed class DownstreamPeer : IAsyncLifetime
{
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(5);

    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>A loopback port that was free a moment ago and has no listener.</summary>
    public Uri ClosedAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapGet("/ok", () => Results.Ok(new Thing("a", 1)));
        _app.MapGet("/invalid", () => Results.ValidationProblem(
            new Dictionary<string, string[]> { ["quantity"] = ["The quantity must be between 1 and 100."] }, detail: "The item is not valid.", title: "Invalid item"));
        _app.MapGet("/missing", () => Results.Problem(statusCode: 404, title: "Product not found", detail: "No product with id 'NOPE'."));
        _app.MapGet("/conflict", () => Results.Problem(statusCode: 409, title: "Already voided", detail: "The charge was voided already."));
        _app.MapGet("/forbidden", () => Results.Problem(statusCode: 403, title: "Forbidden", detail: "Wrong token."));
        _app.MapGet("/too-many", () => Results.Problem(statusCode: 429, title: "Slow down", detail: "Rate limited."));
        _app.MapGet("/failing", () => Results.Problem(statusCode: 500, title: "Cart failure", detail: "Simulated cart failure (cartFailure)."));
        _app.MapGet("/failing-plain", () => Results.Text("Internal error", "text/plain", statusCode: 500));
        _app.MapGet("/unavailable", () => Results.Problem(statusCode: 503, title: "Order not confirmed", detail: "Kafka did not acknowledge the order."));
        _app.MapGet("/gateway-timeout", () => Results.Problem(statusCode: 504, title: "payment did not answer in time", detail: "payment did not answer in time."));
        _app.MapGet("/garbage", () => Results.Text("<html><body>Welcome to nginx!</body></html>", "text/html"));
        _app.MapGet("/wrong-shape", () => Results.Text("[1, 2, 3]", "application/json"));
        _app.MapGet("/null", () => Results.Text("null", "application/json"));
        _app.MapGet("/cut", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = 1000;
            await http.Response.WriteAsync("{\"name\": \"a\"");
            await http.Response.Body.FlushAsync();
            http.Abort();
        });
        _app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(SlowDelay, ct);
            return Results.Ok(new Thing("late", 2));
        });
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        ClosedAddress = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed record Thing(string Name, int Count);
