namespace Frontend.Model;

/// <summary>An ad as the Ad service returns it: the category it was chosen for, its text, the storefront page it leads to.</summary>
public sealed record Ad(string Category, string Text, string RedirectUrl);

/// <summary>What the product page shows beside the product when Recommendation and Ad answer; empty when they do not.</summary>
public sealed record ProductExtras(IReadOnlyList<Product> Recommendations, Ad? Ad)
{
    public static ProductExtras None { get; } = new([], null);
}
