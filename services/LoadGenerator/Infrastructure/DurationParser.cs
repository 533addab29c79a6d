using System.Globalization;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>Durations as locust writes them (<c>60s</c>, <c>5m</c>, <c>1h</c>, <c>1h30m</c>) or as a TimeSpan (<c>00:01:00</c>).</summary>
public static class DurationParser
{
    /// <summary>Null for null/empty (run until stopped); a <see cref="FormatException"/> naming the value otherwise.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && text.Contains(':'))
        {
            return span > TimeSpan.Zero ? span : throw Invalid(text);
        }
        var total = TimeSpan.Zero;
        var number = 0L;
        var digits = false;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                number = checked(number * 10 + (c - '0'));
                digits = true;
                continue;
            }
            if (!digits)
            {
                throw Invalid(text);
            }
            total += c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => throw Invalid(text),
            };
            number = 0;
            digits = false;
        }
        if (digits)
        {
            total += TimeSpan.FromSeconds(number); // a bare number is seconds, as in locust
        }
        return total > TimeSpan.Zero ? total : throw Invalid(text);
    }

    private static FormatException Invalid(string text) =>
        new($"LoadGenerator:Duration (--duration) '{text}' is not a duration such as 60s, 5m, 1h30m or 00:01:00.");
}
