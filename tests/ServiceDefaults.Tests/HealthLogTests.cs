using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>
/// A service whose readiness check fails, as Accounting's does while it migrates: probes answer 503, the
/// log says so once as a Warning with the reason, and no Error line appears (the dashboard counts those
/// in red), then once more when the check recovers.
/// </summary>
public sealed class HealthLogTests : IAsyncLifetime
{
    private readonly HttpClient _http = TestHttp.Create();
    private readonly CapturingLoggerProvider _logs = new();
    private volatile bool _ready;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Logging.AddProvider(_logs);
        builder.Services.AddHealthChecks().AddCheck("migrations", () => _ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Migrations not applied yet."));
        // Publish at once and every second (the shortest period allowed), not after 5 s and every 10 s.
        builder.Services.Configure<HealthCheckPublisherOptions>(o => (o.Delay, o.Period) = (TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.ShutDownAsync();
    }

    [Fact]
    public async Task An_unhealthy_check_is_one_warning_with_its_reason_and_no_error_however_often_it_is_probed()
    {
        for (var i = 0; i < 5; i++)
        {
            using var probe = await _http.GetAsync(new Uri(_app.Address(), "health"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.StatusCode);
        }
        Assert.True(await TestApps.EventuallyAsync(() => Warnings().Count > 0), "no warning about the unhealthy check");
        await Task.Delay(2500); // two more publications of the same status

        Assert.Equal(["Health check migrations is Unhealthy: Migrations not applied yet."], Warnings());
        // Any category: ASP.NET's health check service and its publisher host, as well as ours.
        Assert.Empty(_logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category.Contains("HealthCheck", StringComparison.Ordinal)).Select(e => e.Message));
    }

    [Fact]
    public async Task A_recovered_check_is_logged_once_as_healthy_again()
    {
        Assert.True(await TestApps.EventuallyAsync(() => Warnings().Count > 0), "no warning about the unhealthy check");

        _ready = true;

        Assert.True(await TestApps.EventuallyAsync(() => _logs.Entries.Any(e => e.Message.Contains("is Healthy again", StringComparison.Ordinal))), "no line about the recovery");
        await Task.Delay(2500);
        Assert.Single(_logs.Entries, e => e.Message == "Health check migrations is Healthy again (was Unhealthy).");
        using var probe = await _http.GetAsync(new Uri(_app.Address(), "health"));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    private List<string> Warnings() => [.. _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Health check", StringComparison.Ordinal)).Select(e => e.Message)];
}
