using System.Diagnostics;
using Platform.Checkout.Infrastructure;
using Platform.Checkout.Model;
using Platform.ServiceDefaults.Flags;

namespace Platform.Checkout.Steps;

/// <summary>
/// The order being placed, filled in by the steps in turn: each step reads what the earlier ones
/// wrote (the cart, then prices, then shipping, then the charge) and adds its own part.
/// </summary>
public sealed class OrderContext(CheckoutRequest request, string orderId, string currency, string catalogCurrency, Activity? activity)
{
    public CheckoutRequest Request { get; } = request;

    public string UserId => Request.UserId!;

    public string OrderId { get; } = orderId;

    /// <summary>The currency the shopper pays in (the request's, upper case; the catalogue's by default).</summary>
    public string Currency { get; } = currency;

    /// <summary>The currency of catalogue prices and shipping quotes.</summary>
    public string CatalogCurrency { get; } = catalogCurrency;

    /// <summary>The <c>PlaceOrder</c> span, for the steps' tags.</summary>
    public Activity? Activity { get; } = activity;

    public FlagContext FlagContext => new(UserId);

    public IReadOnlyList<CartItemDto> CartItems { get; set; } = [];

    /// <summary>Priced lines: in <see cref="CatalogCurrency"/> after pricing, in <see cref="Currency"/> after conversion.</summary>
    public List<PricedLine> Lines { get; set; } = [];

    public int Units => Lines.Sum(l => l.Quantity);

    /// <summary>Shipping cost in <see cref="Currency"/>.</summary>
    public decimal ShippingCost { get; set; }

    public string TrackingId { get; set; } = "";

    public decimal Total => OrderPricing.Total(Lines, ShippingCost);

    public string TransactionId { get; set; } = "";

    public Messaging.KafkaDeliveryResult? Delivery { get; set; }
}
