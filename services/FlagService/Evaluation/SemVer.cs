using System.Globalization;
using System.Text.RegularExpressions;

namespace FlagService.Evaluation;

/// <summary>
/// A semantic version (semver.org 2.0) as flagd's <c>sem_ver</c> reads it: an optional <c>v</c>/<c>V</c>
/// prefix, partial versions ("1", "1.2") padded with zeros, build metadata ignored.
/// </summary>
public sealed partial record SemVer(long Major, long Minor, long Patch, string[] PreRelease) : IComparable<SemVer>
{
    [GeneratedRegex(@"^[vV]?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();

    /// <summary>Parses a version; null when it is not one.</summary>
    public static SemVer? TryParse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        static long Part(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var pre = match.Groups[4].Success ? match.Groups[4].Value.Split('.') : [];
        return new SemVer(Part(match.Groups[1]), Part(match.Groups[2]), Part(match.Groups[3]), pre);
    }

    public int CompareTo(SemVer? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        c = c != 0 ? c : Minor.CompareTo(other.Minor);
        c = c != 0 ? c : Patch.CompareTo(other.Patch);
        if (c != 0)
        {
            return c;
        }

        // A pre-release sorts before its release; identifiers compare numerically or lexically.
        if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
        {
            return Math.Sign(other.PreRelease.Length.CompareTo(PreRelease.Length));
        }

        for (var i = 0; i < Math.Min(PreRelease.Length, other.PreRelease.Length); i++)
        {
            var a = PreRelease[i];
            var b = other.PreRelease[i];
            var aNum = long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var an);
            var bNum = long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var bn);
            c = (aNum, bNum) switch
            {
                (true, true) => an.CompareTo(bn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a, b),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return PreRelease.Length.CompareTo(other.PreRelease.Length);
    }

    /// <summary>
    /// The <c>sem_ver</c> operator: <c>[version, op, target]</c> with op one of = != &lt; &lt;= &gt; &gt;=
    /// ^ (same major) ~ (same major and minor). Anything malformed gives null, as in flagd.
    /// </summary>
    public static object? Evaluate(IReadOnlyList<object?> args, object? data)
    {
        if (args.Count != 3 || args[1] is not string op)
        {
            return null;
        }

        if (Coerce(args[0]) is not { } actual || Coerce(args[2]) is not { } target)
        {
            return null;
        }

        var c = actual.CompareTo(target);
        return op switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            "^" => actual.Major == target.Major,
            "~" => actual.Major == target.Major && actual.Minor == target.Minor,
            _ => null,
        };
    }

    private static SemVer? Coerce(object? value) => value switch
    {
        string s => TryParse(s),
        double d when d >= 0 && d == Math.Floor(d) => TryParse(JsonLogicValues.FormatNumber(d)),
        _ => null,
    };
}
