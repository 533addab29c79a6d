using System.ComponentModel.DataAnnotations;

namespace Platform.Shipping;

/// <summary>Configuration section <c>Shipping</c>.</summary>
public sealed class ShippingOptions
{
    public const string SectionName = "Shipping";

    /// <summary>
    /// The names of the shop's home country (the United States, as the storefront's default address
    /// says). An address whose country is one of them, ignoring case, is domestic; any other is
    /// international and is slowed down by <c>intlShippingSlowdown</c>.
    /// </summary>
    [MinLength(1)]
    public string[] DomesticCountries { get; set; } = [];

    public bool IsDomestic(string country) =>
        DomesticCountries.Any(c => string.Equals(c, country.Trim(), StringComparison.OrdinalIgnoreCase));
}
