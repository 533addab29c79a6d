namespace Platform.Checkout.Model;

/// <summary>A priced cart line.</summary>
public sealed record PricedLine(string ProductId, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>
/// Order arithmetic. Shipping is quoted locally until the Shipping service exists:
/// <c>base + perUnit × units</c> (default 5.99 + 1.00 per unit, so 3 units ship for 8.99).
/// Amounts are rounded to cents, half away from zero.
/// </summary>
public static class OrderPricing
{
    public static decimal Shipping(IEnumerable<PricedLine> lines, decimal baseCost, decimal perUnit) =>
        Round(baseCost + perUnit * lines.Sum(l => l.Quantity));

    public static decimal Subtotal(IEnumerable<PricedLine> lines) => Round(lines.Sum(l => l.LineTotal));

    public static decimal Total(IEnumerable<PricedLine> lines, decimal shipping) => Round(Subtotal(lines) + shipping);

    /// <summary>A tracking id like <c>TRK-3F9A2C7D1E4B</c>.</summary>
    public static string NewTrackingId() => "TRK-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
