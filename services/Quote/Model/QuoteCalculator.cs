using Microsoft.Extensions.Options;

namespace Platform.Quote.Model;

/// <summary>
/// The shipping price: <c>BaseCost + CostPerItem × itemCount</c>, in decimal so that cents never
/// drift (5.99 + 1.00 × 3 is exactly 8.99), rounded half away from zero to the cent.
/// </summary>
public sealed class QuoteCalculator(IOptions<QuoteOptions> options)
{
    /// <summary>The most items one quote covers (a larger order ships in several parcels, out of scope).</summary>
    public const int MaxItemCount = 10_000;

    public QuoteResponse Price(int itemCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(itemCount, MaxItemCount);
        var o = options.Value;
        var cost = Math.Round(o.BaseCost + o.CostPerItem * itemCount, 2, MidpointRounding.AwayFromZero);
        return new QuoteResponse(itemCount, cost, o.Currency);
    }
}
