using System.ComponentModel.DataAnnotations;

namespace Platform.Checkout;

/// <summary>Checkout settings, bound from configuration section <c>Checkout</c>.</summary>
public sealed class CheckoutOptions
{
    public const string SectionName = "Checkout";

    /// <summary>The catalogue's currency: of its prices and of shipping quotes, and an order's when the request names none.</summary>
    [Required]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// Where the payment client sends charges while <c>paymentUnreachable</c> is on: a loopback port
    /// nothing listens on, so the connection is refused at once (fails fast, like the demo's bad address).
    /// </summary>
    [Required, Url]
    public string UnreachablePaymentAddress { get; set; } = "http://127.0.0.1:1";

    /// <summary>The <c>checkoutPeakMode</c> simulation.</summary>
    public PeakModeOptions PeakMode { get; set; } = new();
}

/// <summary>The normal/peak simulation of <c>checkoutPeakMode</c> (section <c>Checkout:PeakMode</c>).</summary>
public sealed class PeakModeOptions
{
    /// <summary>Seed of the schedule and of the per-request draws: the same seed gives the same peaks.</summary>
    public int Seed { get; set; } = 20261122;
}
