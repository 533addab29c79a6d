namespace Platform.Checkout.Model;

/// <summary>A priced cart line.</summary>
public sealed record PricedLine(string ProductId, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>
/// Order arithmetic (shipping is priced by Shipping, through Quote). Amounts are rounded to cents,
/// half away from zero.
/// </summary>
public static class OrderPricing
{
    public static decimal Subtotal(IEnumerable<PricedLine> lines) => Round(lines.Sum(l => l.LineTotal));

    public static decimal Total(IEnumerable<PricedLine> lines, decimal shipping) => Round(Subtotal(lines) + shipping);

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
