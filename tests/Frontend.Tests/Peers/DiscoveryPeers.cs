using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frontend.Tests.Peers;

/// <summary>Ad's wire record (the service README), written here on purpose rather than shared with the frontend.</summary>
public sealed record PeerAd(string Category, string Text, string RedirectUrl);

/// <summary>
/// Recommendation and Ad as tiny real Kestrel apps on 127.0.0.1 (random ports): <see cref="Address"/> answers
/// like the services (recommendations: the catalogue peer's products other than the viewed ones, by name; ads:
/// one per context key, leading to <see cref="ShopPeers.Starsense"/>); <see cref="FailingAddress"/> answers 500
/// problems to everything (like adFailure), for a frontend variant. Key <see cref="HostileKey"/> gets an ad with
/// markup and a script URL.
/// </summary>
public sealed class DiscoveryPeers : IAsyncDisposable
{
    public const string HostileKey = "hostile";

    private readonly List<WebApplication> _apps = [];

    public Uri Address { get; private set; } = null!;

    public Uri FailingAddress { get; private set; } = null!;

    /// <summary>The last <c>contextKeys</c> the ad peer received.</summary>
    public string? LastContextKeys { get; private set; }

    public static async Task<DiscoveryPeers> StartAsync(ShopPeers shop)
    {
        var peers = new DiscoveryPeers();
        peers.Address = await peers.StartAppAsync(app => peers.MapHealthy(app, shop));
        peers.FailingAddress = await peers.StartAppAsync(MapFailing);
        return peers;
    }

    private void MapHealthy(WebApplication app, ShopPeers shop)
    {
        app.MapGet("/api/recommendations", (string? productIds) =>
        {
            if (string.IsNullOrEmpty(productIds))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["productIds"] = ["At least one product id is required."] });
            }

            var viewed = productIds.Split(',');
            return Results.Ok(shop.Products.Values
                .Where(p => !viewed.Contains(p.Id) && p.Id != ShopPeers.FailingProductId)
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Take(5)
                .ToArray());
        });
        app.MapGet("/api/ads", (string? contextKeys) =>
        {
            LastContextKeys = contextKeys;
            var keys = string.IsNullOrEmpty(contextKeys) ? ["random"] : contextKeys.Split(',');
            return Results.Ok(keys.Select(k => k == HostileKey
                    ? new PeerAd(k, "<script>alert('ad')</script> Buy now", "javascript:alert(1)")
                    : new PeerAd(k, $"An ad for {k}", $"/products/{ShopPeers.Starsense.Id}"))
                .ToArray());
        });
    }

    private static void MapFailing(WebApplication app)
    {
        app.MapGet("/api/recommendations", () => Results.Problem(statusCode: 500, title: "Recommendation failure", detail: "Simulated recommendation failure."));
        app.MapGet("/api/ads", () => Results.Problem(statusCode: 500, title: "Ad failure", detail: "adFailure: this ad request fails on purpose."));
    }

    private async Task<Uri> StartAppAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        _apps.Add(app);
        return new Uri(app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
