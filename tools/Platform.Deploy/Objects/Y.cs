namespace Platform.Deploy.Objects;

/// <summary>
/// A Kubernetes object as an ordered tree: <see cref="YMap"/> keeps keys in the order they were
/// added, so the same manifest always serializes to the same bytes.
/// </summary>
internal sealed class YMap : OrderedDictionary<string, object?>
{
    public YMap() : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>
/// A value that Helm takes from <c>values.yaml</c>: <see cref="Template"/> is the Go template text
/// written into the chart, <see cref="Value"/> what kustomize output (and the chart's defaults) hold.
/// </summary>
internal sealed record HelmValue(string Template, object Value);

/// <summary>Short constructors for object trees.</summary>
internal static class Y
{
    public static YMap Map(params (string Key, object? Value)[] entries)
    {
        var map = new YMap();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }
        return map;
    }

    public static List<object?> List(params object?[] items) => [.. items.Where(i => i is not null)];

    public static List<object?> ListOf<T>(IEnumerable<T> items) => [.. items.Select(i => (object?)i)];

    /// <summary>A map of string labels or data, keys sorted so that order never depends on input order.</summary>
    public static YMap Sorted(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new YMap();
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map.Add(key, value);
        }
        return map;
    }

    /// <summary>The standard header of an object: apiVersion, kind, metadata.</summary>
    public static YMap Object(string apiVersion, string kind, YMap metadata, params (string Key, object? Value)[] body)
    {
        var map = Map(("apiVersion", apiVersion), ("kind", kind), ("metadata", metadata));
        foreach (var (key, value) in body)
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }
        return map;
    }

    public static string Kind(YMap obj) => (string)obj["kind"]!;

    public static string Name(YMap obj) => (string)((YMap)obj["metadata"]!)["name"]!;
}
