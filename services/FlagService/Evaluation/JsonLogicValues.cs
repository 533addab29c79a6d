using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlagService.Evaluation;

/// <summary>
/// The value model of <see cref="JsonLogic"/> and JavaScript's coercion rules that JsonLogic inherits
/// (json-logic-js is the reference): a value is <c>null</c>, <see cref="bool"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="List{T}"/> (array) or <see cref="Dictionary{TKey,TValue}"/> (object).
/// </summary>
public static class JsonLogicValues
{
    /// <summary>Converts a JSON node into the value model.</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonObject obj => obj.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>Converts a value back to JSON; NaN and infinities (not JSON) become null.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        double d when double.IsNaN(d) || double.IsInfinity(d) => null,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9007199254740992d => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        Dictionary<string, object?> dict => new JsonObject(dict.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => throw new JsonLogicException($"Unsupported value type {value.GetType().Name}."),
    };

    /// <summary>JsonLogic truthiness: like JavaScript's, except that an empty array is false.</summary>
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        _ => true,
    };

    /// <summary>JavaScript's <c>Number(value)</c>.</summary>
    public static double ToNumber(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1 : 0,
        double d => d,
        string s when string.IsNullOrWhiteSpace(s) => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        List<object?> list when list.Count == 0 => 0,
        List<object?> list when list.Count == 1 => ToNumber(ToJsString(list[0])),
        _ => double.NaN,
    };

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    public static string ToJsString(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        string s => s,
        List<object?> list => string.Join(',', list.Select(item => item is null ? "" : ToJsString(item))),
        _ => "[object Object]",
    };

    /// <summary>Formats a number as JavaScript does for the common cases (integers without a fraction).</summary>
    public static string FormatNumber(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        return d == Math.Floor(d) && Math.Abs(d) < 1e21
            ? ((decimal)d).ToString(CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript's loose equality <c>==</c> over the value model.</summary>
    public static bool LooseEquals(object? a, object? b)
    {
        while (true)
        {
            switch (a, b)
            {
                case (null, null):
                    return true;
                case (null, _) or (_, null):
                    return false;
                case (double x, double y):
                    return x == y;
                case (string x, string y):
                    return string.Equals(x, y, StringComparison.Ordinal);
                case (bool x, bool y):
                    return x == y;
                case (bool x, _):
                    a = x ? 1d : 0d;
                    continue;
                case (_, bool y):
                    b = y ? 1d : 0d;
                    continue;
                case (double x, string y):
                    return x == ToNumber(y);
                case (string x, double y):
                    return ToNumber(x) == y;
                case (List<object?> or Dictionary<string, object?>, List<object?> or Dictionary<string, object?>):
                    return ReferenceEquals(a, b);
                case (List<object?> or Dictionary<string, object?>, _):
                    a = ToJsString(a);
                    continue;
                case (_, List<object?> or Dictionary<string, object?>):
                    b = ToJsString(b);
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary>JavaScript's strict equality <c>===</c> over the value model.</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ => a is not null && ReferenceEquals(a, b),
    };

    /// <summary>JavaScript's <c>a &lt; b</c> (strings compare by code unit, everything else as numbers).</summary>
    public static bool LessThan(object? a, object? b)
    {
        var pa = a is List<object?> or Dictionary<string, object?> ? ToJsString(a) : a;
        var pb = b is List<object?> or Dictionary<string, object?> ? ToJsString(b) : b;
        if (pa is string sa && pb is string sb)
        {
            return string.CompareOrdinal(sa, sb) < 0;
        }

        return ToNumber(pa) < ToNumber(pb);
    }

    /// <summary>JavaScript's <c>a &lt;= b</c>.</summary>
    public static bool LessOrEqual(object? a, object? b)
    {
        var pa = a is List<object?> or Dictionary<string, object?> ? ToJsString(a) : a;
        var pb = b is List<object?> or Dictionary<string, object?> ? ToJsString(b) : b;
        if (pa is string sa && pb is string sb)
        {
            return string.CompareOrdinal(sa, sb) <= 0;
        }

        return ToNumber(pa) <= ToNumber(pb);
    }

    /// <summary>JavaScript's <c>String.prototype.substr(start, length)</c>.</summary>
    public static string Substr(string source, double start, double? length)
    {
        var len = source.Length;
        var from = double.IsNaN(start) ? 0 : (int)Math.Truncate(start);
        if (from < 0)
        {
            from = Math.Max(len + from, 0);
        }

        from = Math.Min(from, len);
        if (length is < 0)
        {
            // json-logic-js: a negative length drops that many characters from the end.
            var rest = source[from..];
            return rest[..Math.Max(rest.Length + (int)Math.Max(length.Value, int.MinValue / 2), 0)];
        }

        var count = length is { } l ? (double.IsNaN(l) ? 0 : (int)Math.Clamp(Math.Truncate(l), int.MinValue, int.MaxValue)) : len - from;
        count = Math.Clamp(count, 0, len - from);
        return source.Substring(from, count);
    }

    /// <summary>Writes a compact human-readable form of a value, for error messages.</summary>
    public static string Describe(object? value) => ToJson(value)?.ToJsonString() ?? "null";
}
