using Frontend.Model;

namespace Frontend.Views;

/// <summary>The product page's "You may also like" (from Recommendation) and ad (from Ad); nothing when they are missing.</summary>
public static class ProductExtrasViews
{
    public static Html Render(ProductExtras extras) => Html.Of($"""
        {Recommendations(extras.Recommendations)}
        {Advert(extras.Ad)}
        """);

    private static Html Recommendations(IReadOnlyList<Product> products) => products.Count == 0 ? Html.Empty : Html.Of($"""
        <section class="recommendations" aria-labelledby="recommendations-title">
          <h2 id="recommendations-title">You may also like</h2>
          <ul class="product-grid">{products.Select(Recommendation)}</ul>
        </section>
        """);

    private static Html Recommendation(Product product) => Html.Of($"""
        <li class="product-card">
          <a href="{Format.ProductUrl(product.Id)}">
            <img src="{Format.PictureUrl(product.Picture)}" alt="{product.Name}" width="240" height="180" loading="lazy">
            <span class="product-name">{product.Name}</span>
            <span class="price">{Format.Money(product.Price)}</span>
          </a>
        </li>
        """);

    /// <remarks>The ad leads to a page of this site only: another origin or a script URL becomes the home page.</remarks>
    private static Html Advert(Ad? ad) => ad is null ? Html.Empty : Html.Of($"""
        <aside class="ad" aria-label="Advertisement">
          <span class="ad-label">Ad</span>
          <a href="{LocalUrl(ad.RedirectUrl)}">{ad.Text}</a>
        </aside>
        """);

    private static string LocalUrl(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/";
}
