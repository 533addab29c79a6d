using System.ComponentModel.DataAnnotations;

namespace Frontend;

/// <summary>Settings of the storefront (configuration section <c>Frontend</c>).</summary>
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary>The currency orders are placed in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>How long the confirmation page of a placed order stays available.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many confirmations are kept at most (oldest evicted first when full).</summary>
    [Range(1, 1_000_000)]
    public int MaxConfirmations { get; set; } = 10_000;

    /// <summary>
    /// The largest request body Kestrel accepts (bytes); beyond it the answer is a 413 problem. The API's
    /// bodies and the storefront's forms are well under 4 KiB.
    /// </summary>
    [Range(1024, 30_000_000)]
    public long MaxRequestBodySize { get; set; } = 64 * 1024;
}
