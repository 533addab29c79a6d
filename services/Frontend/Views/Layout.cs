using Microsoft.AspNetCore.Antiforgery;

namespace Frontend.Views;

/// <summary>The page frame every storefront page shares, and small shared pieces.</summary>
public static class Layout
{
    public const string ShopName = "Astronomy Shop";

    /// <summary>The page frame; <paramref name="currency"/> adds the header's currency selector (and notice) on the pages that show prices.</summary>
    public static Html Page(string title, Html body, CurrencyChoice? currency = null) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · {ShopName}</title>
        <link rel="stylesheet" href="/css/site.css">
        <link rel="icon" href="{Format.PlaceholderPicture}" type="image/svg+xml">
        </head>
        <body>
        <header class="site-header">
          <a class="brand" href="/"><img src="{Format.PlaceholderPicture}" alt="" width="32" height="32"> {ShopName}</a>
          <nav><a href="/">Products</a> <a href="/cart" class="cart-link">Cart</a>{CurrencySelector.Form(currency)}</nav>
        </header>
        {CurrencySelector.Notice(currency)}
        <main>
        {body}
        </main>
        <footer class="site-footer">A demo shop of the Platform: nothing here is for sale.</footer>
        </body>
        </html>
        """);

    /// <summary>A page that only tells what went wrong (404 product, catalogue down...).</summary>
    public static Html ErrorPage(int statusCode, string title, string? detail) => Page(title, Html.Of($"""
        <section class="error-page">
          <h1>{title}</h1>
          {ErrorBox(PageError.Of($"Error {statusCode}", detail))}
          <p><a href="/">Back to the products</a></p>
        </section>
        """));

    /// <summary>The hidden antiforgery field every form carries.</summary>
    public static Html AntiforgeryField(AntiforgeryTokenSet tokens) =>
        Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");

    /// <summary>A visible error box (role=alert) with an optional list of field messages.</summary>
    public static Html ErrorBox(PageError? error) => error is null
        ? Html.Empty
        : Html.Of($"""
            <div class="error" role="alert">
              <strong>{error.Title}</strong>
              {(error.Detail is null ? Html.Empty : Html.Of($"<p>{error.Detail}</p>"))}
              {(error.Messages.Count == 0 ? Html.Empty : Html.Of($"<ul>{error.Messages.Select(m => Html.Of($"<li>{m}</li>"))}</ul>"))}
            </div>
            """);
}

/// <summary>An error shown on a page: a title, the detail of the problem and field messages.</summary>
public sealed record PageError(string Title, string? Detail, IReadOnlyList<string> Messages)
{
    public static PageError Of(string title, string? detail) => new(title, detail, []);
}
