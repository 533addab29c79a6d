using Platform.FraudDetection.Model;

namespace Platform.FraudDetection.Tests;

/// <summary>The rules with their default settings (README.md): which orders are flagged, and why.</summary>
public sealed class FraudRulesTests
{
    private static readonly FraudDetectionOptions Defaults = new();

    [Fact]
    public void An_ordinary_domestic_order_scores_0_and_is_not_flagged()
    {
        var assessment = FraudRules.Assess(Orders.New(), Defaults);

        Assert.Equal(0, assessment.Score);
        Assert.Empty(assessment.Reasons);
        Assert.False(assessment.Flagged);
    }

    [Fact]
    public void A_total_at_the_threshold_alone_is_flagged()
    {
        var assessment = FraudRules.Assess(Orders.New(total: 1000m), Defaults);

        Assert.Equal(2, assessment.Score);
        Assert.Equal([FraudRules.HighTotal], assessment.Reasons);
        Assert.True(assessment.Flagged);
    }

    [Fact]
    public void Foreign_shipping_alone_scores_1_and_is_not_flagged()
    {
        var assessment = FraudRules.Assess(Orders.New(country: "Canada"), Defaults);

        Assert.Equal([FraudRules.ForeignShipping], assessment.Reasons);
        Assert.False(assessment.Flagged);
    }

    [Fact]
    public void Many_units_shipped_abroad_are_flagged()
    {
        // 8 + 2 units = 10, the default threshold.
        var assessment = FraudRules.Assess(Orders.New(quantity: 8, country: "Germany"), Defaults);

        Assert.Equal(2, assessment.Score);
        Assert.Equal([FraudRules.ManyItems, FraudRules.ForeignShipping], assessment.Reasons);
        Assert.True(assessment.Flagged);
    }

    [Fact]
    public void The_home_country_is_compared_without_case_and_surrounding_spaces()
    {
        Assert.Empty(FraudRules.Assess(Orders.New(country: " united states "), Defaults).Reasons);
    }

    [Fact]
    public void An_order_without_items_cannot_be_assessed()
    {
        var order = Orders.New() with { Items = [] };

        Assert.Equal("the order has no items", FraudRules.Problem(order));
    }
}
