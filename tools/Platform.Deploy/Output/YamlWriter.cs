using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Deploy.Objects;

namespace Platform.Deploy.Output;

/// <summary>
/// Writes object trees as YAML with one fixed layout (two-space indent, indented sequences, a
/// <c>---</c> before every document, LF line ends), so the same objects always give the same bytes.
/// Strings are written plain only where no YAML 1.1 or 1.2 parser could read them as anything but
/// a string; everything else is double-quoted.
/// </summary>
internal static partial class YamlWriter
{
    /// <summary>How <see cref="HelmValue"/> and literal <c>{{</c> are written.</summary>
    public enum Flavor
    {
        /// <summary>Plain YAML: a Helm value is written as its default.</summary>
        Plain,

        /// <summary>A Helm template: a Helm value is written as its Go template, literal braces escaped.</summary>
        HelmTemplate,
    }

    public static string Write(IEnumerable<YMap> documents, Flavor flavor = Flavor.Plain)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n");
            WriteMap(text, document, 0, flavor);
        }
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YMap map, int indent, Flavor flavor, bool firstLineIndented = true)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!first || firstLineIndented)
            {
                text.Append(' ', indent);
            }
            first = false;
            text.Append(Scalar(key, flavor)).Append(':');
            WriteValueAfterKey(text, value, indent, flavor);
        }
    }

    private static void WriteValueAfterKey(StringBuilder text, object? value, int indent, Flavor flavor)
    {
        switch (value)
        {
            case YMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2, flavor);
                break;
            case List<object?> { Count: 0 }:
                text.Append(" []\n");
                break;
            case List<object?> list:
                text.Append('\n');
                WriteList(text, list, indent + 2, flavor);
                break;
            default:
                text.Append(' ').Append(Scalar(value, flavor)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder text, List<object?> list, int indent, Flavor flavor)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append("- ");
            switch (item)
            {
                case YMap { Count: > 0 } map:
                    WriteMap(text, map, indent + 2, flavor, firstLineIndented: false);
                    break;
                case List<object?> { Count: > 0 } nested:
                    text.Append('\n');
                    WriteList(text, nested, indent + 2, flavor);
                    break;
                case YMap:
                    text.Append("{}\n");
                    break;
                case List<object?>:
                    text.Append("[]\n");
                    break;
                default:
                    text.Append(Scalar(item, flavor)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(object? value, Flavor flavor) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        HelmValue helm when flavor == Flavor.HelmTemplate => helm.Value is string ? $"\"{helm.Template}\"" : helm.Template,
        HelmValue helm => Scalar(helm.Value, flavor),
        string s => String(flavor == Flavor.HelmTemplate ? EscapeGoTemplate(s) : s),
        _ => throw new InvalidOperationException($"Cannot write a {value.GetType().Name} as YAML."),
    };

    private static string String(string s) =>
        PlainSafe().IsMatch(s) && !LooksTyped().IsMatch(s) && !s.EndsWith(':') ? s : Quote(s);

    private static string Quote(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// Literal <c>{{</c> and <c>}}</c> in a chart template become Go raw-string actions (<c>{{`{{`}}</c>):
    /// backticks, unlike double quotes, need no escaping inside a YAML double-quoted scalar.
    /// </summary>
    private static string EscapeGoTemplate(string s)
    {
        if (!s.Contains("{{", StringComparison.Ordinal) && !s.Contains("}}", StringComparison.Ordinal))
        {
            return s;
        }
        var text = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (i + 1 < s.Length && s[i] == s[i + 1] && s[i] is '{' or '}')
            {
                text.Append(s[i] == '{' ? "{{`{{`}}" : "{{`}}`}}");
                i++;
            }
            else
            {
                text.Append(s[i]);
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_./:@=+-]*$")]
    private static partial Regex PlainSafe();

    /// <summary>Strings a YAML 1.1 or 1.2 parser would read as a number, boolean or null.</summary>
    [GeneratedRegex(@"^(?:[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|\.(?:inf|Inf|INF|nan|NaN|NAN)|(?i:y|n|yes|no|on|off|true|false|null|~))$")]
    private static partial Regex LooksTyped();
}
