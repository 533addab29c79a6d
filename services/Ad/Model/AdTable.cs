namespace Platform.Ad.Model;

/// <summary>The ads shipped with the service, by category (case-insensitive).</summary>
public sealed class AdTable(IReadOnlyList<Ad> ads)
{
    private readonly ILookup<string, Ad> _byCategory = ads.ToLookup(a => a.Category, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Ad> Ads { get; } = ads;

    /// <summary>
    /// Up to <paramref name="max"/> distinct ads of the given categories, in random order; when none of the keys
    /// is a category of the table, <paramref name="max"/> random ads and <paramref name="targeted"/> false.
    /// </summary>
    public IReadOnlyList<Ad> Select(IReadOnlyCollection<string> contextKeys, int max, Random random, out bool targeted)
    {
        var matching = contextKeys.SelectMany(k => _byCategory[k]).Distinct().ToArray();
        targeted = matching.Length > 0;
        var pool = targeted ? matching : [.. Ads];
        random.Shuffle(pool);
        return pool.Take(max).ToList();
    }
}
