using System.ComponentModel.DataAnnotations;

namespace Platform.Quote;

/// <summary>Configuration section <c>Quote</c>: the shipping price formula (see the README).</summary>
public sealed class QuoteOptions
{
    public const string SectionName = "Quote";

    /// <summary>The currency of every quote: the catalogue's (ISO 4217).</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>What any shipment costs, whatever its size.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal BaseCost { get; set; } = 5.99m;

    /// <summary>Added for each item (unit) shipped.</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal CostPerItem { get; set; } = 1.00m;
}
