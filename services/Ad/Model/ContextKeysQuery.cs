namespace Platform.Ad.Model;

/// <summary>The <c>contextKeys</c> query parameter: comma-separated categories (or other words) describing the page.</summary>
public static class ContextKeysQuery
{
    public const string Field = "contextKeys";

    /// <summary>The most keys one request may name.</summary>
    public const int MaxKeys = 10;

    /// <summary>Longer than any category.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>The distinct keys (none when the parameter is absent or empty), or null and the error message.</summary>
    public static IReadOnlyList<string>? Parse(string? value, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var keys = value.Split(',', StringSplitOptions.TrimEntries);
        if (keys.Length > MaxKeys)
        {
            error = $"At most {MaxKeys} context keys, comma-separated.";
            return null;
        }

        if (keys.Any(k => k.Length is 0 or > MaxKeyLength || !k.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            error = $"Each context key has 1 to {MaxKeyLength} letters, digits, '-' or '_': /api/ads?contextKeys=telescopes,binoculars";
            return null;
        }

        return keys.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
