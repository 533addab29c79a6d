using Platform.Contracts;

namespace Platform.Accounting.Tests;

internal static class Orders
{
    public static OrderPlaced New(int items = 2) => new(
        Guid.NewGuid().ToString(), "user-" + Guid.NewGuid().ToString("N")[..8], "someone@example.com",
        [.. Enumerable.Range(1, items).Select(i => new OrderItem($"PROD{i}", i, 10.50m * i))],
        new ShippingInfo(new ShippingAddress("1 Main St", "Springfield", "IL", "United States", "62701"), "TRK-" + Guid.NewGuid().ToString("N")[..10], 5.99m + items),
        123.45m, "USD", new DateTimeOffset(2026, 11, 22, 4, 30, 0, TimeSpan.Zero));
}
