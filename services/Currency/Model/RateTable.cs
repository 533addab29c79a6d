namespace Platform.Currency.Model;

/// <summary>
/// The rates shipped with the service: units of each currency per one unit of <see cref="Base"/>,
/// valid as of <see cref="Date"/>. Immutable once loaded.
/// </summary>
public sealed record RateTable(DateOnly Date, string Base, IReadOnlyDictionary<string, decimal> Rates)
{
    /// <summary>Currencies whose smallest unit is the whole unit (no cents).</summary>
    private static readonly HashSet<string> ZeroDecimalCurrencies = ["JPY"];

    public bool Supports(string code) => Rates.ContainsKey(code);

    /// <summary>
    /// <paramref name="amount"/> in <paramref name="from"/> as <paramref name="to"/>: through the base
    /// (amount ÷ rate(from) × rate(to)) in decimal, rounded half away from zero to the target's minor
    /// unit (2 decimals, 0 for JPY). The same currency returns the amount unchanged.
    /// </summary>
    public decimal Convert(decimal amount, string from, string to)
    {
        if (from == to) return amount;
        var converted = amount / Rates[from] * Rates[to];
        return Math.Round(converted, MinorUnits(to), MidpointRounding.AwayFromZero);
    }

    public static int MinorUnits(string code) => ZeroDecimalCurrencies.Contains(code) ? 0 : 2;
}
