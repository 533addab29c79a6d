using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Cart.Model;
using StackExchange.Redis;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// Carts in Redis: one hash per user, <c>cart:{userId}</c>, field = product id, value = quantity.
/// Every write sets the key's time to live to <see cref="CartOptions.Ttl"/> again. A Redis failure or
/// timeout comes out as <see cref="CartStorageException"/>.
/// </summary>
public sealed class CartStore(IConnectionMultiplexer redis, IOptionsMonitor<CartOptions> options)
{
    /// <summary>The DI key of the Redis connection and store used while the <c>cartFailure</c> flag is on.</summary>
    public const string FailureKey = Platform.Contracts.FlagKeys.CartFailure;

    public static RedisKey Key(string userId) => $"cart:{userId}";

    public Task<ShoppingCart> GetAsync(string userId) =>
        RunAsync("HGETALL", async () => ToCart(userId, await redis.GetDatabase().HashGetAllAsync(Key(userId))));

    /// <summary>
    /// Adds to the product's quantity, refreshes the TTL and reads the cart back in one round trip: the three
    /// commands are pipelined (sent back to back on the one connection, without waiting for replies in between).
    /// Not an IBatch: StackExchange.Redis' profiler skips batched commands, so they would have no spans.
    /// </summary>
    public Task<ShoppingCart> AddItemAsync(string userId, string productId, int quantity) =>
        RunAsync("HINCRBY", async () =>
        {
            var key = Key(userId);
            var database = redis.GetDatabase();
            var increment = database.HashIncrementAsync(key, productId, quantity);
            var expire = database.ExecuteAsync("PEXPIRE", key, (long)options.CurrentValue.Ttl.TotalMilliseconds);
            var entries = database.HashGetAllAsync(key);
            await Task.WhenAll(increment, expire, entries);
            return ToCart(userId, await entries);
        });

    /// <summary>Deletes the cart; true when there was one. DEL, not KeyDeleteAsync's UNLINK: a cart is a small hash.</summary>
    public Task<bool> EmptyAsync(string userId) =>
        RunAsync("DEL", async () => (long)await redis.GetDatabase().ExecuteAsync("DEL", Key(userId)) > 0);

    // StackExchange.Redis applies its own timeouts (CartOptions.RedisTimeout); its timeout exception is not a RedisException.
    private static async Task<T> RunAsync<T>(string command, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            RedisCommandSpans.RecordFailure(ex);
            throw new CartStorageException($"Redis {command} failed: {ex.Message}", ex);
        }
    }

    private static ShoppingCart ToCart(string userId, HashEntry[] entries)
    {
        var items = entries
            .Select(entry => new CartItem(entry.Name!, int.Parse(entry.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture)))
            .OrderBy(item => item.ProductId, StringComparer.Ordinal)
            .ToList();
        return new ShoppingCart(userId, items);
    }
}
