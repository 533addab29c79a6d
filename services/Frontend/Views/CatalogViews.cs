using Frontend.Model;
using Microsoft.AspNetCore.Antiforgery;

namespace Frontend.Views;

/// <summary>The home page (product grid) and the product page.</summary>
public static class CatalogViews
{
    public static Html Home(IReadOnlyList<Product> products, CurrencyChoice? currency = null) => Layout.Page("Products", Html.Of($"""
        <h1>Explore the night sky</h1>
        <p class="lead">Telescopes, binoculars and accessories for every stargazer.</p>
        {(products.Count == 0
            ? Html.Raw("<p>No products yet.</p>")
            : Html.Of($"""<ul class="product-grid">{products.Select(ProductCard)}</ul>"""))}
        """), currency);

    private static Html ProductCard(Product product) => Html.Of($"""
        <li class="product-card">
          <a href="{Format.ProductUrl(product.Id)}">
            <img src="{Format.PictureUrl(product.Picture)}" alt="{product.Name}" width="240" height="180" loading="lazy">
            <span class="product-name">{product.Name}</span>
            <span class="price">{Format.Money(product.Price)}</span>
          </a>
        </li>
        """);

    public static Html Product(Product product, AntiforgeryTokenSet tokens, string quantity = "1", PageError? error = null, ProductExtras? extras = null, CurrencyChoice? currency = null) =>
        Layout.Page(product.Name, Html.Of($"""
        <article class="product">
          <img src="{Format.PictureUrl(product.Picture)}" alt="{product.Name}" width="420" height="315">
          <div class="product-details">
            <h1>{product.Name}</h1>
            <p class="price">{Format.Money(product.Price)}</p>
            <p>{product.Description}</p>
            {(product.Categories.Count == 0 ? Html.Empty : Html.Of($"""<p class="categories">{product.Categories.Select(c => Html.Of($"<span>{c}</span>"))}</p>"""))}
            {Layout.ErrorBox(error)}
            <form method="post" action="/cart/items" class="add-to-cart">
              {Layout.AntiforgeryField(tokens)}
              <input type="hidden" name="productId" value="{product.Id}">
              <label for="quantity">Quantity</label>
              <input type="number" id="quantity" name="quantity" min="1" max="100" value="{quantity}" required>
              <button type="submit">Add to cart</button>
            </form>
          </div>
        </article>
        {ProductExtrasViews.Render(extras ?? ProductExtras.None)}
        """), currency);
}
