using System.Diagnostics.Metrics;

namespace Platform.Cart.Infrastructure;

/// <summary>Business metrics on Meter <c>Platform.Cart</c>.</summary>
public sealed class CartMetrics
{
    public const string MeterName = "Platform.Cart";

    private readonly Counter<long> _itemsAdded;
    private readonly Counter<long> _cartsEmptied;

    public CartMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _itemsAdded = meter.CreateCounter<long>("app.cart.items.added", unit: "{item}", description: "Units of products added to carts.");
        _cartsEmptied = meter.CreateCounter<long>("app.cart.emptied", unit: "{cart}", description: "Carts emptied (after checkout or by the user).");
    }

    public void ItemsAdded(int quantity) => _itemsAdded.Add(quantity);

    public void CartEmptied() => _cartsEmptied.Add(1);
}
