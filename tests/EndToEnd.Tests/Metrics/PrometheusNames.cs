using System.Text;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.Metrics;

/// <summary>
/// The Prometheus series names an OpenTelemetry metric becomes in the Collector's Prometheus exporters
/// (prometheus, prometheusremotewrite) with their defaults: OpenTelemetry's "Prometheus and OpenMetrics
/// compatibility" specification as Prometheus's otlptranslator implements it (translation strategy
/// UnderscoreEscapingWithSuffixes). The name is split into tokens at every character outside
/// [a-zA-Z0-9:]; the unit adds a token (<c>s</c> → <c>seconds</c>, <c>By</c> → <c>bytes</c>, <c>{item}</c>
/// → nothing, <c>By/s</c> → <c>bytes_per_second</c>) unless the name has it already; a monotonic sum ends
/// in <c>_total</c>, a gauge of unit <c>1</c> in <c>_ratio</c>; a histogram is written as
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series, an exponential histogram as one native
/// histogram under the bare name.
/// </summary>
public static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tibibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes",
        ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["Hz"] = "hertz", ["1"] = "", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>The series a metric is stored as, e.g. http.server.request.duration (histogram, s) → http_server_request_duration_seconds_bucket, _sum, _count.</summary>
    public static IReadOnlyList<string> SeriesOf(string name, string unit, MetricType type, bool isMonotonic)
    {
        var family = FamilyName(name, unit, type, isMonotonic);
        return type switch
        {
            MetricType.Histogram => [family + "_bucket", family + "_sum", family + "_count"],
            MetricType.Summary => [family, family + "_sum", family + "_count"],
            _ => [family],
        };
    }

    /// <summary>The metric family's name, before a histogram's or summary's series suffixes.</summary>
    public static string FamilyName(string name, string unit, MetricType type, bool isMonotonic)
    {
        var tokens = Tokens(name);
        var (main, per) = UnitSuffixes(unit);
        if (main.Length > 0 && !tokens.Contains(main))
        {
            tokens.Add(main);
        }
        if (per.Length > 0 && !tokens.Contains(per))
        {
            tokens.Add(per);
        }
        if (type == MetricType.Sum && isMonotonic)
        {
            tokens.RemoveAll(t => t == "total");
            tokens.Add("total");
        }
        if (unit == "1" && type == MetricType.Gauge)
        {
            tokens.RemoveAll(t => t == "ratio");
            tokens.Add("ratio");
        }
        var family = string.Join('_', tokens);
        return family.Length > 0 && char.IsAsciiDigit(family[0]) ? "_" + family : family;
    }

    /// <summary>The unit's tokens: "By/s" → ("bytes", "per_second"); annotations in braces and "1" give none.</summary>
    private static (string Main, string Per) UnitSuffixes(string unit)
    {
        var parts = unit.Split('/', 2);
        var main = parts[0].Trim();
        main = main.Length == 0 || main.AsSpan().ContainsAny('{', '}') ? "" : Units.GetValueOrDefault(main, main);
        var per = parts.Length > 1 ? parts[1].Trim() : "";
        per = per.Length == 0 || per.AsSpan().ContainsAny('{', '}') ? "" : "per_" + PerUnits.GetValueOrDefault(per, per);
        main = CleanUnit(main);
        per = CleanUnit(per);
        per = per == "per_" ? "" : per.TrimEnd('_');
        // With a per unit, the main unit's trailing underscore goes (otherwise two would meet).
        return (per.Length > 0 ? main.TrimEnd('_') : main, per);
    }

    /// <summary>Characters a name cannot have become '_', runs of '_' collapse to one and a leading '_' goes.</summary>
    private static string CleanUnit(string unit)
    {
        var text = new StringBuilder(unit.Length);
        foreach (var c in unit)
        {
            var mapped = IsNameChar(c) ? c : '_';
            if (mapped != '_' || text.Length == 0 || text[^1] != '_')
            {
                text.Append(mapped);
            }
        }
        return text.ToString().TrimStart('_');
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == ':';

    /// <summary>The runs of name characters ("http.server.request.duration" → http, server, request, duration).</summary>
    private static List<string> Tokens(string name)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                if (token.Length > 0) { tokens.Add(token.ToString()); token.Clear(); }
            }
            else
            {
                token.Append(c);
            }
        }
        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
        }
        return tokens;
    }
}
