namespace Platform.Recommendation.Model;

/// <summary>
/// Picks products related to the viewed ones: those sharing the most categories with them first (random
/// among equals), then any others at random; never a viewed product, never the same product twice.
/// </summary>
public static class Recommender
{
    /// <summary>
    /// Scans every entry of the cache (<paramref name="entries"/>, in which a product may appear many times),
    /// so the work grows with the cache: that is how <c>recommendationCacheFailure</c> makes lookups slower.
    /// </summary>
    public static IReadOnlyList<Product> Recommend(IEnumerable<Product> entries, IReadOnlyCollection<string> viewedIds, int max, Random random)
    {
        var viewed = new HashSet<string>(viewedIds, StringComparer.OrdinalIgnoreCase);
        var candidates = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        var viewedCategories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in entries)
        {
            if (viewed.Contains(product.Id))
            {
                viewedCategories.UnionWith(product.Categories);
            }
            else
            {
                candidates.TryAdd(product.Id, product);
            }
        }

        var shuffled = candidates.Values.ToArray();
        random.Shuffle(shuffled);
        // OrderByDescending is stable: equals keep their random order.
        return shuffled
            .OrderByDescending(p => p.Categories.Count(viewedCategories.Contains))
            .Take(max)
            .ToList();
    }
}
