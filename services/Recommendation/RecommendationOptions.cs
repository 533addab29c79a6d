using System.ComponentModel.DataAnnotations;

namespace Platform.Recommendation;

/// <summary>Configuration section <c>Recommendation</c>.</summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendation";

    /// <summary>The most products one answer recommends.</summary>
    [Range(1, 50)]
    public int MaxRecommendations { get; set; } = 5;

    /// <summary>How long the catalogue read from ProductCatalog is reused before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CatalogCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>recommendationCacheFailure</c>: how many copies of the catalogue each call adds to the cache while
    /// the flag is on (never evicted until it goes off).
    /// </summary>
    [Range(1, 10_000)]
    public int LeakCopiesPerCall { get; set; } = 10;

    /// <summary>
    /// The most entries the leak may add (default one million, a few hundred MB): the leak is an incident to
    /// practise on, not a way to take down the machine the whole Platform shares.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxLeakedEntries { get; set; } = 1_000_000;
}
