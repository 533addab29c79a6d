using System.ComponentModel.DataAnnotations;

namespace Platform.Payment;

/// <summary>Configuration section <c>Payment</c>.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payment";

    /// <summary>How many charges the in-memory store keeps (oldest dropped first).</summary>
    [Range(1, 1_000_000)]
    public int MaxStoredCharges { get; set; } = 10_000;

    /// <summary>How long a charge can still be voided.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ChargeRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed of the random draws behind <c>paymentFailure</c>; unset = not reproducible.</summary>
    public int? RandomSeed { get; set; }
}
