namespace Platform.Recommendation.Model;

/// <summary>The <c>productIds</c> query parameter: a comma-separated list of the products the shopper viewed.</summary>
public static class ProductIdsQuery
{
    public const string Field = "productIds";

    /// <summary>The most ids one request may name (a cart or a page of views, not the catalogue).</summary>
    public const int MaxIds = 20;

    /// <summary>Longer than any product id (ten characters) with room to spare.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The distinct ids, or the error message when the parameter is missing, empty, too long or malformed.</summary>
    public static IReadOnlyList<string>? Parse(string? value, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "At least one product id is required: /api/recommendations?productIds=OLJCESPC7Z,66VCHSJNUP";
            return null;
        }

        var ids = value.Split(',', StringSplitOptions.TrimEntries);
        if (ids.Length > MaxIds)
        {
            error = $"At most {MaxIds} product ids, comma-separated.";
            return null;
        }

        foreach (var id in ids)
        {
            if (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"Each product id has 1 to {MaxIdLength} letters, digits, '-' or '_'.";
                return null;
            }
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
