using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Recommendation.Tests;

/// <summary>
/// ProductCatalog's <c>GET /api/products</c> on real Kestrel (127.0.0.1, free port), serving the catalogue the
/// real service ships (<c>services/ProductCatalog/products.json</c>), counting its calls; <see cref="Failing"/>
/// makes it answer 500.
/// </summary>
public sealed class CataloguePeer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _calls;

    public string Address { get; private set; } = "";

    public JsonArray Products { get; private set; } = [];

    public int Calls => Volatile.Read(ref _calls);

    public bool Failing { get; set; }

    public static async Task<CataloguePeer> StartAsync()
    {
        var peer = new CataloguePeer
        {
            Products = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "services", "ProductCatalog", "products.json")))!.AsArray(),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/products", () =>
        {
            Interlocked.Increment(ref peer._calls);
            return peer.Failing
                ? Results.Problem(statusCode: 500, title: "Catalogue failure", detail: "Simulated catalogue failure.")
                : Results.Text(peer.Products.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        peer._app = app;
        peer.Address = app.Urls.Single();
        return peer;
    }

    /// <summary>The categories of product <paramref name="id"/> in the shipped catalogue.</summary>
    public IReadOnlySet<string> CategoriesOf(string id) =>
        Products.Single(p => (string)p!["id"]! == id)!["categories"]!.AsArray().Select(c => (string)c!).ToHashSet();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
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
