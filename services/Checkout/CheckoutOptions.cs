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

/// <summary>
/// The normal/peak simulation of <c>checkoutPeakMode</c> (section <c>Checkout:PeakMode</c>). The timing defaults are
/// DESIGN.md's; the incident drills shorten them so a peak comes within seconds.
/// </summary>
public sealed class PeakModeOptions
{
    /// <summary>Seed of the schedule and of the per-request draws: the same seed gives the same peaks.</summary>
    public int Seed { get; set; } = 20261122;

    /// <summary>How long a peak lasts.</summary>
    public TimeSpan PeakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between the end of a peak (or the simulator's start) and the next peak.</summary>
    public TimeSpan MinGap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest such time; a gap is drawn uniformly between the two.</summary>
    public TimeSpan MaxGap { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Whether the timing makes a schedule: peaks longer than zero, gaps not negative, MinGap ≤ MaxGap.</summary>
    public bool IsValid => PeakDuration > TimeSpan.Zero && MinGap >= TimeSpan.Zero && MaxGap >= MinGap;
}
