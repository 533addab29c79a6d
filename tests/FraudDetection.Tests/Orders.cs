using Platform.Contracts;

namespace Platform.FraudDetection.Tests;

internal static class Orders
{
    /// <summary>An order the default rules leave alone: 3 units, 123.45 USD, shipped in the United States.</summary>
    public static OrderPlaced New(decimal total = 123.45m, int quantity = 1, string country = "United States") => new(
        Guid.NewGuid().ToString(), "user-" + Guid.NewGuid().ToString("N")[..8], "someone@example.com",
        [new OrderItem("PROD1", quantity, 10.50m), new OrderItem("PROD2", 2, 21m)],
        new ShippingInfo(new ShippingAddress("1 Main St", "Springfield", "IL", country, "62701"), "TRK-" + Guid.NewGuid().ToString("N")[..10], 7.99m),
        total, "USD", new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
}
