using System.Text.RegularExpressions;

namespace Platform.LoadGenerator.Infrastructure;

/// <summary>The pictures a page shows (<c>&lt;img src="/images/…"&gt;</c>), each once: what a browser loads after the page.</summary>
public static partial class PagePictures
{
    public static IReadOnlyList<string> In(string html) =>
        [.. ImageSource().Matches(html).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("""<img\b[^>]*?\bsrc="(?<path>/images/[^"]+)""")]
    private static partial Regex ImageSource();
}
