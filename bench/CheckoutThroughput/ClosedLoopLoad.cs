using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// Closed-loop shoppers on the storefront's JSON API: each adds one item to a new cart
/// (<c>POST /api/cart/{userId}/items</c>) and checks out (<c>POST /api/checkout</c>), then starts again
/// at once. Every order is a new shopper (a new user id), as on a shop with many visitors, so no
/// per-user cache (carts, flag answers) is warmer than it would be. Only requests that complete inside
/// the measured window count.
/// </summary>
public sealed class ClosedLoopLoad(HttpClient shop, int users, IReadOnlyList<string> products)
{
    private const string Email = "bench@example.com";

    public async Task<LoadResult> RunAsync(long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var shoppers = await Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(() => ShopAsync(u, measureFrom, measureTo, cancellationToken), cancellationToken)));
        return LoadResult.Merge(shoppers, Stopwatch.GetElapsedTime(measureFrom, measureTo));
    }

    private async Task<LoadResult> ShopAsync(int shopper, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        var result = new LoadResult();
        for (var order = 0; Stopwatch.GetTimestamp() < measureTo; order++)
        {
            var userId = $"tp-{shopper}-{order}-{Guid.NewGuid():N}";
            var product = products[(shopper + order) % products.Count];
            var added = await SendAsync(result, measureFrom, measureTo, () => shop.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = product, quantity = 1 }, cancellationToken));
            if (added is null)
            {
                continue;
            }

            added.Dispose();
            using var confirmed = await SendAsync(result, measureFrom, measureTo, () => shop.PostAsJsonAsync("/api/checkout", new
            {
                userId,
                email = Email,
                currency = "USD",
                address = new { street = "1 Observatory Road", city = "Flagstaff", state = "AZ", country = "US", zip = "86001" },
                card = new { number = "4432801561520454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 3 },
            }, cancellationToken));
            if (confirmed is null)
            {
                continue;
            }

            // The shopper sees the confirmation now: the start of the order-to-ledger lag.
            var confirmedAt = DateTime.UtcNow;
            var completed = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(await confirmed.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (completed >= measureFrom && completed < measureTo)
            {
                result.Confirmed.Add(new ConfirmedOrder(body.RootElement.GetProperty("orderId").GetString()!, confirmedAt));
            }
        }

        return result;
    }

    /// <summary>Sends one request; records its latency and outcome if it completed in the window; returns it when it succeeded.</summary>
    private static async Task<HttpResponseMessage?> SendAsync(LoadResult result, long measureFrom, long measureTo, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        string? error = null;
        try
        {
            response = await send();
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {(int)response.StatusCode}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            error = ex.GetType().Name;
        }

        var completed = Stopwatch.GetTimestamp();
        if (completed >= measureFrom && completed < measureTo)
        {
            result.LatenciesMs.Add(Stopwatch.GetElapsedTime(started, completed).TotalMilliseconds);
            if (error is not null)
            {
                result.Errors[error] = result.Errors.GetValueOrDefault(error) + 1;
            }
        }

        if (error is null)
        {
            return response;
        }

        response?.Dispose();
        return null;
    }
}

/// <summary>An order the shopper saw confirmed, and when (UTC, this machine's clock).</summary>
public sealed record ConfirmedOrder(string OrderId, DateTime ConfirmedAt);

/// <summary>What the shoppers saw in the measured window.</summary>
public sealed class LoadResult
{
    public List<double> LatenciesMs { get; } = [];

    public Dictionary<string, int> Errors { get; } = [];

    public List<ConfirmedOrder> Confirmed { get; } = [];

    public TimeSpan Window { get; private set; }

    public double OrdersPerSecond => Confirmed.Count / Window.TotalSeconds;

    public int ErrorCount => Errors.Values.Sum();

    public static LoadResult Merge(IEnumerable<LoadResult> parts, TimeSpan window)
    {
        var merged = new LoadResult { Window = window };
        foreach (var part in parts)
        {
            merged.LatenciesMs.AddRange(part.LatenciesMs);
            merged.Confirmed.AddRange(part.Confirmed);
            foreach (var (error, count) in part.Errors)
            {
                merged.Errors[error] = merged.Errors.GetValueOrDefault(error) + count;
            }
        }

        merged.LatenciesMs.Sort();
        return merged;
    }
}
