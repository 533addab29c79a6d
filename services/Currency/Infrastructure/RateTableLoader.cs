using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Currency.Model;

namespace Platform.Currency.Infrastructure;

/// <summary>
/// Reads the rate table file once at start and checks it (a date, the base at rate 1, every code three
/// upper-case letters, every rate positive): a broken table stops the start instead of converting wrongly.
/// </summary>
public static partial class RateTableLoader
{
    private sealed record RateFile(string? Date, string? Base, Dictionary<string, decimal>? Rates);

    public static RateTable Load(string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        RateFile? file;
        try
        {
            // decimal straight from the JSON text: 1.0550 is exactly 1.0550, no binary fraction on the way.
            file = JsonSerializer.Deserialize<RateFile>(File.ReadAllBytes(full), JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The rate table '{full}' cannot be read: {ex.Message}", ex);
        }

        if (file?.Rates is not { Count: > 0 } rates) throw Invalid(full, "it has no rates");
        if (!DateOnly.TryParseExact(file.Date, "yyyy-MM-dd", out var date)) throw Invalid(full, "'date' is not a yyyy-MM-dd date");
        if (file.Base is null || !rates.TryGetValue(file.Base, out var baseRate) || baseRate != 1m) throw Invalid(full, "'base' must be listed with rate 1");
        foreach (var (code, rate) in rates)
        {
            if (!CodeRegex().IsMatch(code)) throw Invalid(full, $"'{code}' is not an ISO 4217 code");
            if (rate <= 0) throw Invalid(full, $"the rate of {code} is not positive");
        }

        return new RateTable(date, file.Base, new Dictionary<string, decimal>(rates, StringComparer.Ordinal));
    }

    private static InvalidOperationException Invalid(string path, string why) => new($"The rate table '{path}' is invalid: {why}.");

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CodeRegex();
}
