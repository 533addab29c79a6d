using System.ComponentModel.DataAnnotations;

namespace Platform.Currency;

/// <summary>Configuration section <c>Currency</c>.</summary>
public sealed class CurrencyOptions
{
    public const string SectionName = "Currency";

    /// <summary>The rate table (JSON), relative to the application's folder unless absolute.</summary>
    [Required]
    public string RatesFile { get; set; } = "Data/rates.json";
}
