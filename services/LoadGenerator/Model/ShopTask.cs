namespace Platform.LoadGenerator.Model;

/// <summary>One thing a simulated user does, with its weight among the others (the OpenTelemetry demo's locustfile weights).</summary>
public sealed record ShopTask(string Name, int Weight)
{
    public static readonly ShopTask BrowseProduct = new("browse product", 10);
    public static readonly ShopTask Recommendations = new("recommendations", 3);
    public static readonly ShopTask Ads = new("ads", 3);
    public static readonly ShopTask ViewCart = new("view cart", 3);
    public static readonly ShopTask AddToCart = new("add to cart", 2);
    public static readonly ShopTask Checkout = new("checkout", 1);
    public static readonly ShopTask MultiItemCheckout = new("multi-item checkout", 1);
    public static readonly ShopTask Home = new("home", 1);
    public static readonly ShopTask FloodHome = new("flood home", 5);

    /// <summary>Every task, in the order.</summary>
    public static IReadOnlyList<ShopTask> All { get; } =
        [BrowseProduct, Recommendations, Ads, ViewCart, AddToCart, Checkout, MultiItemCheckout, Home, FloodHome];
}
