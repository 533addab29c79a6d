using Platform.Contracts;

namespace Platform.FraudDetection.Model;

/// <summary>What the rules found in one order: its score, the rules that matched, and whether it is flagged.</summary>
public sealed record FraudAssessment(int Score, IReadOnlyList<string> Reasons, bool Flagged);

/// <summary>
/// Three explainable rules (README.md): <c>high-total</c> (2 points), <c>many-items</c> (1) and
/// <c>foreign-shipping</c> (1); an order is flagged when its score reaches <see cref="FraudDetectionOptions.FlagScore"/>.
/// With the defaults a large total alone is flagged, and so are many units shipped abroad.
/// </summary>
public static class FraudRules
{
    public const string HighTotal = "high-total";
    public const string ManyItems = "many-items";
    public const string ForeignShipping = "foreign-shipping";

    public static FraudAssessment Assess(OrderPlaced order, FraudDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);
        var score = 0;
        var reasons = new List<string>(3);
        if (order.Total >= options.HighTotal)
        {
            score += 2;
            reasons.Add(HighTotal);
        }
        if (order.Items.Sum(i => (long)i.Quantity) >= options.ManyItems)
        {
            score += 1;
            reasons.Add(ManyItems);
        }
        if (!string.Equals(order.Shipping.Address.Country.Trim(), options.HomeCountry.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            score += 1;
            reasons.Add(ForeignShipping);
        }
        return new FraudAssessment(score, reasons, score >= options.FlagScore);
    }

    /// <summary>Why an event cannot be assessed (a poison message), or null when it can.</summary>
    public static string? Problem(OrderPlaced order) =>
        order.Items is null || order.Items.Count == 0 ? "the order has no items"
        : order.Items.Any(i => i is null || i.Quantity <= 0) ? "an item is missing or has a quantity below 1"
        : order.Shipping?.Address?.Country is null ? "the order has no shipping address"
        : order.Total < 0 ? "the order total is negative"
        : null;
}
