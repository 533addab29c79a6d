using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Frontend.Views;

/// <summary>
/// A piece of HTML that is safe to write to a page. The only ways to make one are
/// <see cref="Of"/>, an interpolated string whose holes are HTML-encoded (unless they are
/// <see cref="Html"/> themselves), and <see cref="Raw"/> for markup written in this code.
/// <code>Html.Of($"&lt;h1&gt;{product.Name}&lt;/h1&gt;")</code> encodes a name like <c>&lt;script&gt;</c>.
/// </summary>
public readonly record struct Html
{
    private readonly string? _value;

    private Html(string value) => _value = value;

    public static Html Empty => default;

    public string Value => _value ?? string.Empty;

    /// <summary>Builds HTML from an interpolated string, encoding every hole that is not already HTML.</summary>
    public static Html Of(ref HtmlInterpolatedStringHandler html) => new(html.ToStringAndClear());

    /// <summary>Markup written in this code (never data).</summary>
    public static Html Raw(string trustedMarkup) => new(trustedMarkup);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public override string ToString() => Value;
}

/// <summary>The interpolated string handler behind <see cref="Html.Of"/>.</summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolatedStringHandler
{
    private StringBuilder? _builder;

    public HtmlInterpolatedStringHandler(int literalLength, int formattedCount) =>
        _builder = new StringBuilder(literalLength + formattedCount * 16);

    public readonly void AppendLiteral(string literal) => _builder!.Append(literal);

    public readonly void AppendFormatted(string? text) => _builder!.Append(Html.Encode(text));

    public readonly void AppendFormatted(Html html) => _builder!.Append(html.Value);

    public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, format: null);

    public readonly void AppendFormatted<T>(T value, string? format)
    {
        switch (value)
        {
            case Html html:
                _builder!.Append(html.Value);
                break;
            case IEnumerable<Html> parts:
                foreach (var part in parts)
                {
                    _builder!.Append(part.Value);
                }

                break;
            case IFormattable formattable:
                _builder!.Append(Html.Encode(formattable.ToString(format, CultureInfo.InvariantCulture)));
                break;
            default:
                _builder!.Append(Html.Encode(value?.ToString()));
                break;
        }
    }

    public string ToStringAndClear()
    {
        var text = _builder?.ToString() ?? string.Empty;
        _builder = null;
        return text;
    }
}
