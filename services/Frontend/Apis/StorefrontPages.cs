using System.Globalization;
using Frontend.Infrastructure;
using Frontend.Model;
using Frontend.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Apis;

/// <summary>
/// The server-rendered storefront: real HTML forms that work without JavaScript, protected by
/// antiforgery tokens, following Post/Redirect/Get (303). The shopper is the <see cref="ShopUser"/>
/// of the <c>shop_user</c> cookie.
/// </summary>
public static class StorefrontPages
{
    public static IEndpointRouteBuilder MapStorefrontPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("")
            .DisableAntiforgery() // checked by AntiforgeryPageFilter, which answers with an HTML page
            .AddEndpointFilter(PageSecurityHeaders.Filter)
            .AddEndpointFilter(AntiforgeryPageFilter.Filter)
            .AddEndpointFilter(DownstreamFilters.ErrorPageFilter)
            .ExcludeFromDescription();

        pages.MapGet("/", Home).WithName("HomePage");
        pages.MapGet("/products/{id}", ProductPage).WithName("ProductPage");
        pages.MapPost("/cart/items", AddToCart).WithName("AddToCartForm");
        pages.MapGet("/cart", CartPage).WithName("CartPage");
        pages.MapPost("/cart/empty", EmptyCart).WithName("EmptyCartForm");
        pages.MapPost("/checkout", Checkout).WithName("CheckoutForm");
        pages.MapGet("/orders/{orderId}", OrderPage).WithName("OrderPage");
        pages.MapPost("/currency", ChangeCurrency).WithName("CurrencyForm");
        return app;
    }

    /// <remarks>Binding <see cref="ShopUser"/> gives a first-time visitor the <c>shop_user</c> cookie.</remarks>
    public static async Task<ContentHttpResult> Home(ShopUser user, CatalogClient catalog, ShopCurrency currency, HttpContext http, CancellationToken ct)
    {
        var (products, choice) = await currency.PriceAsync(await catalog.GetProductsAsync(ct), await currency.ChooseAsync(http, ct), http, ct);
        return HtmlResults.Page(CatalogViews.Home(products, choice));
    }

    public static async Task<ContentHttpResult> ProductPage(
        string id, ShopUser user, CatalogClient catalog, ProductExtrasLoader extras, ShopCurrency currency, IAntiforgery antiforgery, HttpContext http, CancellationToken ct)
    {
        FrontendTelemetry.Tag(FrontendTelemetry.ProductId, id);
        var product = await catalog.GetProductAsync(id, ct);
        var found = await extras.LoadAsync(product, ct);
        // The recommended products are priced with the product, in the shopper's currency.
        var (priced, choice) = await currency.PriceAsync([product, .. found.Recommendations], await currency.ChooseAsync(http, ct), http, ct);
        return HtmlResults.Page(CatalogViews.Product(
            priced[0], antiforgery.GetAndStoreTokens(http), extras: found with { Recommendations = priced.Skip(1).ToList() }, currency: choice));
    }

    public static async Task<Results<SeeOther, ContentHttpResult>> AddToCart(
        [FromForm] AddToCartForm form, ShopUser user, [AsParameters] ShopServices shop, HttpContext http, CancellationToken ct)
    {
        FrontendTelemetry.Tag(FrontendTelemetry.ProductId, form.ProductId);
        if (string.IsNullOrWhiteSpace(form.ProductId))
        {
            return HtmlResults.Page(Layout.ErrorPage(StatusCodes.Status400BadRequest, "No product", "The form names no product."), StatusCodes.Status400BadRequest);
        }

        var product = await shop.Catalog.GetProductAsync(form.ProductId, ct);
        if (!int.TryParse(form.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > ShopApi.MaxQuantity)
        {
            var error = PageError.Of("Check the quantity", $"The quantity must be a whole number from 1 to {ShopApi.MaxQuantity}.");
            var (priced, choice) = await shop.Currency.PriceAsync([product], await shop.Currency.ChooseAsync(http, ct, Format.ProductUrl(product.Id)), http, ct);
            return HtmlResults.Page(CatalogViews.Product(priced[0], shop.Antiforgery.GetAndStoreTokens(http), form.Quantity ?? "", error, currency: choice), StatusCodes.Status400BadRequest);
        }

        await shop.Cart.AddItemAsync(user.Id, product.Id, quantity, ct);
        return HtmlResults.SeeOther("/cart");
    }

    public static Task<ContentHttpResult> CartPage(ShopUser user, [AsParameters] ShopServices shop, HttpContext http, CancellationToken ct) =>
        RenderCartAsync(user, shop, http, CheckoutForm.Demo(shop.Time.GetUtcNow().Year), error: null, StatusCodes.Status200OK, ct);

    public static async Task<SeeOther> EmptyCart(ShopUser user, CartClient cart, CancellationToken ct)
    {
        await cart.EmptyCartAsync(user.Id, ct);
        return HtmlResults.SeeOther("/cart");
    }

    public static async Task<Results<SeeOther, ContentHttpResult>> Checkout(
        [FromForm] CheckoutForm form, ShopUser user, [AsParameters] ShopServices shop, HttpContext http, CancellationToken ct)
    {
        // The order is placed in the currency the cart was shown in (the form's hidden field); Checkout refuses
        // a code Currency does not support (400 naming currency), a field that is not a code at all is ignored.
        var currency = CheckoutFormMapper.IsCurrencyCode(form.Currency) ? form.Currency! : shop.Options.Value.Currency;
        var request = CheckoutFormMapper.ToRequest(form, user.Id, currency, out var fieldErrors);
        if (request is null)
        {
            Log.CheckoutRejected(shop.Logger, user.Id, string.Join(", ", fieldErrors.Keys));
            var error = new PageError("Check the checkout form", null, fieldErrors.Values.SelectMany(m => m).ToList());
            return await RenderCartAsync(user, shop, http, form, error, StatusCodes.Status400BadRequest, ct);
        }

        OrderResult order;
        try
        {
            order = await shop.Checkout.PlaceOrderAsync(request, ct);
        }
        catch (DownstreamException e)
        {
            DownstreamFilters.Record(http, e);
            var messages = e.Errors.SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}")).ToList();
            var error = new PageError("Your order could not be placed", e.Problem.Detail ?? e.Problem.Title, messages);
            return await RenderCartAsync(user, shop, http, form, error, e.StatusCode, ct);
        }

        FrontendTelemetry.Tag(FrontendTelemetry.OrderId, order.OrderId);
        Log.OrderPlaced(shop.Logger, order.OrderId, user.Id, order.Items.Count, order.Total.Amount, order.Total.Currency);
        shop.Confirmations.Add(user.Id, new OrderConfirmation(order, request.Email!, await ProductNamesAsync(shop.Catalog, ct)));
        return HtmlResults.SeeOther(Format.OrderUrl(order.OrderId));
    }

    public static ContentHttpResult OrderPage(string orderId, ShopUser user, ConfirmationStore confirmations)
    {
        FrontendTelemetry.Tag(FrontendTelemetry.OrderId, orderId);
        return confirmations.Find(user.Id, orderId) is { } confirmation
            ? HtmlResults.Page(CartViews.Order(confirmation))
            : HtmlResults.Page(Layout.ErrorPage(StatusCodes.Status404NotFound, "Order not found",
                "This confirmation is unknown or has expired. Confirmations stay available for a short time after checkout."), StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The header's currency form: a code Currency lists is remembered in the <c>shop_currency</c> cookie
    /// and the browser goes back to the page it came from (303); any other code is a 400 page and
    /// changes nothing. When Currency cannot answer, its failure's page (503, 504...) says so.
    /// </summary>
    public static async Task<Results<SeeOther, ContentHttpResult>> ChangeCurrency(
        [FromForm] CurrencyForm form, ShopCurrency currency, HttpContext http, CancellationToken ct)
    {
        var available = await currency.ListAsync(ct);
        if (form.Currency is null || !available.Contains(form.Currency, StringComparer.Ordinal))
        {
            return HtmlResults.Page(Layout.ErrorPage(StatusCodes.Status400BadRequest, "Unknown currency",
                $"Choose one of {string.Join(", ", available)}."), StatusCodes.Status400BadRequest);
        }

        ShopCurrency.Remember(http, form.Currency);
        return HtmlResults.SeeOther(Format.LocalUrl(form.ReturnUrl));
    }

    /// <summary>
    /// The cart page, with <paramref name="error"/> if any. When the cart or one of its products
    /// cannot be read, the page still answers (with that failure's status and detail) and still
    /// offers "Empty cart", so a shopper is never stuck behind a product that fails.
    /// </summary>
    private static async Task<ContentHttpResult> RenderCartAsync(
        ShopUser user, ShopServices shop, HttpContext http, CheckoutForm form, PageError? error, int statusCode, CancellationToken ct)
    {
        var tokens = shop.Antiforgery.GetAndStoreTokens(http);
        var choice = await shop.Currency.ChooseAsync(http, ct, "/cart");
        try
        {
            var (lines, priced) = await LoadCartLinesAsync(user, shop, choice, http, ct);
            return HtmlResults.Page(CartViews.Cart(new CartPageModel(lines, form, tokens, error) { Currency = priced }), statusCode);
        }
        catch (DownstreamException e)
        {
            DownstreamFilters.Record(http, e);
            var unavailable = PageError.Of("Your cart could not be shown", e.Problem.Detail ?? e.Problem.Title);
            var model = new CartPageModel([], form, tokens, error is null ? unavailable : error with { Messages = [.. error.Messages, $"{unavailable.Title}: {unavailable.Detail}"] })
            {
                Unavailable = true,
                Currency = choice,
            };
            return HtmlResults.Page(CartViews.Cart(model), error is null ? e.StatusCode : statusCode);
        }
    }

    /// <summary>The cart's lines with their products priced in the chosen currency (and the choice, with a notice if that failed).</summary>
    private static async Task<(IReadOnlyList<CartLine> Lines, CurrencyChoice Choice)> LoadCartLinesAsync(
        ShopUser user, ShopServices shop, CurrencyChoice choice, HttpContext http, CancellationToken ct)
    {
        var cart = await shop.Cart.GetCartAsync(user.Id, ct);
        FrontendTelemetry.Tag(FrontendTelemetry.CartItemCount, cart.Items.Count);
        var products = await Task.WhenAll(cart.Items.Select(item => shop.Catalog.GetProductAsync(item.ProductId, ct)));
        var (priced, pricedChoice) = await shop.Currency.PriceAsync(products, choice, http, ct);
        return (cart.Items.Zip(priced, (item, product) => new CartLine(product, item.Quantity)).ToList(), pricedChoice);
    }

    /// <summary>Names for the confirmation page; the order is placed already, so a catalogue failure here only shows ids.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ProductNamesAsync(CatalogClient catalog, CancellationToken ct)
    {
        try
        {
            return (await catalog.GetProductsAsync(ct)).ToDictionary(p => p.Id, p => p.Name);
        }
        catch (DownstreamException)
        {
            return new Dictionary<string, string>();
        }
    }
}

/// <summary>The add-to-cart form of the product page.</summary>
public sealed record AddToCartForm(string? ProductId, string? Quantity);

/// <summary>The header's currency form: the chosen code and the page to go back to.</summary>
public sealed record CurrencyForm(string? Currency, string? ReturnUrl);

/// <summary>What the cart and checkout pages need, bundled (STYLE: more than three dependencies).</summary>
public sealed record ShopServices(
    CatalogClient Catalog,
    CartClient Cart,
    CheckoutClient Checkout,
    ShopCurrency Currency,
    ConfirmationStore Confirmations,
    IAntiforgery Antiforgery,
    IOptions<FrontendOptions> Options,
    TimeProvider Time,
    ILogger<ShopServices> Logger);
