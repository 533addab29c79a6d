using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Cart.Model;
using Platform.Redis;

namespace Platform.Cart.Infrastructure;

/// <summary>
/// Carts in Redis: one hash per user, <c>cart:{userId}</c>, field = product id, value = quantity.
/// Every write sets the key's time to live to <see cref="CartOptions.Ttl"/> again.
/// </summary>
public sealed class CartStore(RedisClient redis, IOptionsMonitor<CartOptions> options)
{
    /// <summary>The DI key of the store used while the <c>cartFailure</c> flag is on.</summary>
    public const string FailureKey = Platform.Contracts.FlagKeys.CartFailure;

    public static string Key(string userId) => $"cart:{userId}";

    public async Task<ShoppingCart> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(new RedisCommand("HGETALL", Key(userId)), cancellationToken);
        return ToCart(userId, reply);
    }

    /// <summary>Adds to the product's quantity, refreshes the TTL and reads the cart back, in one round trip.</summary>
    public async Task<ShoppingCart> AddItemAsync(string userId, string productId, int quantity, CancellationToken cancellationToken)
    {
        var key = Key(userId);
        var ttl = (long)options.CurrentValue.Ttl.TotalMilliseconds;
        var replies = await redis.ExecuteBatchAsync(
            [
                new RedisCommand("HINCRBY", key, productId, quantity),
                new RedisCommand("PEXPIRE", key, ttl),
                new RedisCommand("HGETALL", key),
            ],
            cancellationToken);
        replies[0].ThrowIfError("HINCRBY");
        replies[1].ThrowIfError("PEXPIRE");
        return ToCart(userId, replies[2]);
    }

    /// <summary>Deletes the cart; true when there was one.</summary>
    public async Task<bool> EmptyAsync(string userId, CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(new RedisCommand("DEL", Key(userId)), cancellationToken);
        return reply.AsInt64() > 0;
    }

    private static ShoppingCart ToCart(string userId, RedisReply reply)
    {
        var items = RedisClient.ToDictionary(reply)
            .Select(pair => new CartItem(pair.Key, int.Parse(pair.Value, NumberStyles.Integer, CultureInfo.InvariantCulture)))
            .OrderBy(item => item.ProductId, StringComparer.Ordinal)
            .ToList();
        return new ShoppingCart(userId, items);
    }
}
