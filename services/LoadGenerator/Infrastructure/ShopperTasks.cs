using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.LoadGenerator.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>
/// What each task of a simulated user does against the Frontend's JSON API and pages. The user id of the cart
/// and checkout is the session id. Recommendations and ads call <c>/api/recommendations</c> and <c>/api/ads</c>
/// (a product id as the context key: Ad answers random ads for it). After a page (product, home) it loads the
/// page's pictures at once, as a browser does, counted under <see cref="Picture"/>. Nothing is cached between
/// pages, so <c>imageSlowLoad</c> shows in every page view of the generated traffic.
/// </summary>
public sealed class ShopperTasks(FrontendRequests requests, ProductIds products, IFeatureFlags flags, Random random, int floodRequests)
{
    public static readonly ActivitySource ActivitySource = new("Platform.LoadGenerator");

    /// <summary>The summary row of the pictures that pages show.</summary>
    public const string Picture = "picture";

    /// <summary>The summary's rows in order: the catalogue fetch, each task, the pictures.</summary>
    public static IEnumerable<string> SummaryRows => ShopTask.All.Select(t => t.Name).Prepend(ProductIds.Row).Append(Picture);

    public async Task RunAsync(ShopTask task, CancellationToken ct)
    {
        using var activity = ActivitySource.StartActivity($"loadgenerator {task.Name}");
        activity?.SetTag("app.loadgenerator.task", task.Name);
        activity?.SetTag("app.session.id", requests.SessionId);
        activity?.SetTag("app.synthetic_request", true);
        var ids = await products.GetAsync(requests, ct);
        var product = ids.Count > 0 ? ids[random.Next(ids.Count)] : "unknown";
        switch (task.Name)
        {
            case var n when n == ShopTask.BrowseProduct.Name:
                await PageAsync(n, $"/products/{product}", ct);
                break;
            case var n when n == ShopTask.Recommendations.Name:
                await requests.SendAsync(n, HttpMethod.Get, $"/api/recommendations?productIds={product}", null, ct);
                break;
            case var n when n == ShopTask.Ads.Name:
                await requests.SendAsync(n, HttpMethod.Get, $"/api/ads?contextKeys={product}", null, ct);
                break;
            case var n when n == ShopTask.ViewCart.Name:
                await requests.SendAsync(n, HttpMethod.Get, $"/api/cart/{requests.SessionId}", null, ct);
                break;
            case var n when n == ShopTask.AddToCart.Name:
                await AddToCartAsync(n, product, ct);
                break;
            case var n when n == ShopTask.Checkout.Name:
                await AddToCartAsync(n, product, ct);
                await CheckoutAsync(n, ct);
                break;
            case var n when n == ShopTask.MultiItemCheckout.Name:
                for (var i = random.Next(2, 5); i > 0; i--)
                {
                    await AddToCartAsync(n, ids.Count > 0 ? ids[random.Next(ids.Count)] : product, ct);
                }
                await CheckoutAsync(n, ct);
                break;
            case var n when n == ShopTask.Home.Name:
                await PageAsync(n, "/", ct);
                break;
            case var n when n == ShopTask.FloodHome.Name:
                // As in the demo: picked by its weight always, but only floods while the flag is on.
                if (await flags.GetBooleanAsync(FlagKeys.LoadGeneratorFloodHomepage, false, null, ct))
                {
                    for (var i = 0; i < floodRequests; i++)
                    {
                        await requests.SendAsync(n, HttpMethod.Get, "/", null, ct);
                    }
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task.Name, "not a task of ShopTask.All");
        }
    }

    private async Task PageAsync(string task, string path, CancellationToken ct)
    {
        if (await requests.SendAsync(task, HttpMethod.Get, path, null, ct) is { } html)
        {
            await Task.WhenAll(PagePictures.In(html).Select(picture => requests.SendAsync(Picture, HttpMethod.Get, picture, null, ct)));
        }
    }

    private Task AddToCartAsync(string task, string product, CancellationToken ct) =>
        requests.SendAsync(task, HttpMethod.Post, $"/api/cart/{requests.SessionId}/items",
            JsonContent.Create(new { productId = product, quantity = random.Next(1, 11) }), ct);

    private Task CheckoutAsync(string task, CancellationToken ct) =>
        requests.SendAsync(task, HttpMethod.Post, "/api/checkout", JsonContent.Create(new
        {
            userId = requests.SessionId,
            email = "someone@example.com",
            currency = "USD",
            address = new { street = "1600 Amphitheatre Parkway", city = "Mountain View", state = "CA", country = "United States", zip = "94043" },
            card = new { number = "4432801561520454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 2 },
        }), ct);
}

/// <summary>The catalogue's product ids, fetched once from <c>GET /api/products</c> (again while that fails).</summary>
public sealed class ProductIds
{
    /// <summary>The summary row of that fetch.</summary>
    public const string Row = "catalogue";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<string> _ids = [];

    public async Task<IReadOnlyList<string>> GetAsync(FrontendRequests requests, CancellationToken ct)
    {
        if (_ids.Count > 0)
        {
            return _ids;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_ids.Count == 0 && await requests.SendAsync(Row, HttpMethod.Get, "/api/products", null, ct) is { } body)
            {
                using var json = JsonDocument.Parse(body);
                _ids = json.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
            }
            return _ids;
        }
        finally
        {
            _gate.Release();
        }
    }
}
