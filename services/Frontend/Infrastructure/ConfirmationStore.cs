using Frontend.Model;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Frontend.Infrastructure;

/// <summary>
/// Recent order confirmations, kept in memory for a short time per (user, order) so the page
/// <c>/orders/{orderId}</c> that the checkout redirects to can show them (Post/Redirect/Get without
/// TempData). Only the user who placed an order can see it. Bounded in count and time; a restart,
/// or a request landing on another replica, shows "confirmation expired" instead (documented).
/// </summary>
public sealed class ConfirmationStore(IOptions<FrontendOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxConfirmations });

    public void Add(string userId, OrderConfirmation confirmation) =>
        _cache.Set(Key(userId, confirmation.Order.OrderId), confirmation, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = options.Value.ConfirmationLifetime,
        });

    public OrderConfirmation? Find(string userId, string orderId) =>
        _cache.TryGetValue(Key(userId, orderId), out OrderConfirmation? confirmation) ? confirmation : null;

    public void Dispose() => _cache.Dispose();

    private static string Key(string userId, string orderId) => $"{userId}\n{orderId}";
}
