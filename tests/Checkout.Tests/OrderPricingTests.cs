using Platform.Checkout.Model;

namespace Platform.Checkout.Tests;

public class OrderPricingTests
{
    private static readonly PricedLine[] Lines = [new("A", 2, 101.96m), new("B", 1, 349.95m)];

    [Fact]
    public void Shipping_is_the_base_cost_plus_one_per_unit()
    {
        Assert.Equal(8.99m, OrderPricing.Shipping(Lines, 5.99m, 1.00m));
    }

    [Fact]
    public void Subtotal_multiplies_unit_prices_by_quantities()
    {
        Assert.Equal(553.87m, OrderPricing.Subtotal(Lines));
    }

    [Fact]
    public void Total_adds_shipping_to_the_subtotal()
    {
        Assert.Equal(562.86m, OrderPricing.Total(Lines, 8.99m));
    }

    [Fact]
    public void Amounts_are_rounded_to_cents()
    {
        Assert.Equal(0.01m, OrderPricing.Subtotal([new PricedLine("A", 1, 0.005m)]));
    }

    [Fact]
    public void Tracking_ids_are_unique_and_prefixed()
    {
        var a = OrderPricing.NewTrackingId();
        var b = OrderPricing.NewTrackingId();

        Assert.StartsWith("TRK-", a);
        Assert.Equal(16, a.Length);
        Assert.NotEqual(a, b);
    }
}
