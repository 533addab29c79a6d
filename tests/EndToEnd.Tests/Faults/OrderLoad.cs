using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Faults;

/// <summary>
/// Closed-loop shoppers on the storefront API (add one item, check out, again) until stopped, keeping
/// what the shop confirmed: each 200 checkout's order id and total. Users are named after a run prefix,
/// so the ledger's rows of this load can be told apart from any other test's.
/// </summary>
public sealed class OrderLoad : IAsyncDisposable
{
    // Long enough that a loaded 2-core runner still answers: an unanswered checkout may or may not be an order.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _users = [];
    private readonly ConcurrentDictionary<string, decimal> _confirmed = new();
    private int _failures;
    private int _unanswered;

    private OrderLoad(string userPrefix) => UserPrefix = userPrefix;

    /// <summary>Every user id of this load starts with it.</summary>
    public string UserPrefix { get; }

    /// <summary>Orders the shop confirmed (200) so far: order id → total.</summary>
    public IReadOnlyDictionary<string, decimal> Confirmed => _confirmed;

    /// <summary>Checkouts answered with something else than 200 (not confirmed).</summary>
    public int Failures => _failures;

    /// <summary>Checkouts whose answer never came (timeout, connection lost): the order may exist or not.</summary>
    public int Unanswered => _unanswered;

    /// <summary>Starts <paramref name="users"/> shoppers, each with its own client from <paramref name="createClient"/>.</summary>
    public static OrderLoad Start(Func<HttpClient> createClient, int users)
    {
        var load = new OrderLoad($"fault-{Guid.NewGuid():N}"[..14]);
        for (var u = 0; u < users; u++)
        {
            var http = createClient();
            http.Timeout = CallTimeout;
            var userId = $"{load.UserPrefix}-{u}";
            load._users.Add(Task.Run(() => load.ShopAsync(new ShopApi(http), userId)));
        }
        return load;
    }

    /// <summary>Waits until at least <paramref name="count"/> orders are confirmed (or the timeout passes).</summary>
    public async Task WaitForConfirmedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_confirmed.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(_confirmed.Count >= count, $"only {_confirmed.Count} order(s) confirmed within {timeout} ({_failures} failure(s))");
    }

    /// <summary>Stops the shoppers; a checkout in flight finishes (and counts) first.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_users);
    }

    private async Task ShopAsync(ShopApi shop, string userId)
    {
        using (shop)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await shop.AddToCartAsync(userId, ShopApi.Telescope, 1 + Random.Shared.Next(3));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException)
                {
                    Interlocked.Increment(ref _failures);
                    continue;
                }
                HttpResponseMessage response;
                try
                {
                    response = await shop.CheckoutAsync(userId);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref _unanswered);
                    continue;
                }
                using (response)
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref _failures);
                        continue;
                    }
                    var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    _confirmed[order.GetProperty("orderId").GetString()!] = order.GetProperty("total").GetProperty("amount").GetDecimal();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
