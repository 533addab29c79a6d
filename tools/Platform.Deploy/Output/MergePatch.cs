using Platform.Deploy.Objects;

namespace Platform.Deploy.Output;

/// <summary>
/// The difference between two objects as a merge patch: the changed keys of maps, recursively,
/// and lists whole. Overlays are written as these patches over the base, so an overlay holds
/// exactly what its environment changes.
/// </summary>
internal static class MergePatch
{
    /// <summary>
    /// The patch that turns <paramref name="from"/> into <paramref name="to"/>, or null when they
    /// are equal. A key that <paramref name="to"/> drops is set to null, which deletes it.
    /// </summary>
    public static YMap? Diff(YMap from, YMap to)
    {
        var patch = new YMap();
        foreach (var removed in from.Keys.Except(to.Keys))
        {
            patch.Add(removed, null);
        }
        foreach (var (key, value) in to)
        {
            if (!from.TryGetValue(key, out var old))
            {
                patch.Add(key, value);
            }
            else if (value is YMap map && old is YMap oldMap)
            {
                if (Diff(oldMap, map) is { } nested)
                {
                    patch.Add(key, nested);
                }
            }
            else if (!DeepEquals(old, value))
            {
                patch.Add(key, value);
            }
        }
        return patch.Count == 0 ? null : patch;
    }

    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (YMap x, YMap y) => x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && DeepEquals(p.Value, v)),
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        _ => Equals(a, b),
    };
}
