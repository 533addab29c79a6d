using Platform.Checkout.Model;

namespace Platform.Checkout.Tests;

public class OrderPricingTests
{
    private static readonly PricedLine[] Lines = [new("A", 2, 101.96m), new("B", 1, 349.95m)];

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
}
