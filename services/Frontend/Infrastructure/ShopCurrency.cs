using System.Diagnostics;
using Frontend.Model;
using Frontend.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>
/// The shopper's currency: the <c>shop_currency</c> cookie, checked against Currency's list on every
/// page (a code Currency does not list is ignored: prices stay in <see cref="FrontendOptions.Currency"/>),
/// and the prices of the pages converted through Currency. When Currency fails, pages show the
/// catalogue's prices (USD) with a short notice rather than an error: the failure is logged and
/// recorded on the span (exception event, <c>app.currency.fallback</c>), the page answers 200.
/// </summary>
public sealed class ShopCurrency(CurrencyClient currency, IAntiforgery antiforgery, IOptions<FrontendOptions> options, ILogger<ShopCurrency> logger)
{
    public const string CookieName = "shop_currency";
    public const string FallbackTag = "app.currency.fallback";
    public const string SelectedTag = "app.currency.selected";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The currency prices are in when the shopper chose none or Currency cannot answer.</summary>
    public string Default => options.Value.Currency;

    /// <summary>The notice shown when prices could not be converted.</summary>
    public string FallbackNotice => $"Prices are shown in {Default}: currency conversion is unavailable right now.";

    /// <summary>The codes Currency supports (throws <see cref="DownstreamException"/> when it cannot answer).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct) => (await currency.GetCurrenciesAsync(ct)).Currencies;

    /// <summary>
    /// The shopper's currency and what the header's selector offers; after a change the browser comes
    /// back to <paramref name="returnUrl"/> (default: this GET's path, else the home page).
    /// </summary>
    public async Task<CurrencyChoice> ChooseAsync(HttpContext http, CancellationToken ct, string? returnUrl = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        returnUrl ??= HttpMethods.IsGet(http.Request.Method) ? http.Request.Path + http.Request.QueryString : "/";
        IReadOnlyList<string> available;
        try
        {
            available = await ListAsync(ct);
        }
        catch (DownstreamException e)
        {
            Fallback(http, e);
            return new CurrencyChoice(Default, [], tokens, returnUrl, FallbackNotice);
        }

        var wanted = http.Request.Cookies[CookieName];
        var selected = wanted is not null && available.Contains(wanted, StringComparer.Ordinal) ? wanted : Default;
        Activity.Current?.SetTag(SelectedTag, selected);
        return new CurrencyChoice(selected, available, tokens, returnUrl);
    }

    /// <summary>
    /// <paramref name="products"/> with their prices in the chosen currency (one conversion per price
    /// not already in it); on a failure, the products as they are and the choice with the notice.
    /// </summary>
    public async Task<(IReadOnlyList<Product> Products, CurrencyChoice Choice)> PriceAsync(
        IReadOnlyList<Product> products, CurrencyChoice choice, HttpContext http, CancellationToken ct)
    {
        if (products.All(p => p.Price.Currency == choice.Selected))
        {
            return (products, choice);
        }

        try
        {
            var converted = await Task.WhenAll(products.Select(async p => p.Price.Currency == choice.Selected
                ? p
                : p with { Price = await currency.ConvertAsync(p.Price, choice.Selected, ct) }));
            return (converted, choice);
        }
        catch (DownstreamException e)
        {
            Fallback(http, e);
            return (products, choice with { Selected = Default, Available = [], Notice = FallbackNotice });
        }
    }

    /// <summary>Remembers <paramref name="code"/> (already checked against Currency's list) for this browser.</summary>
    public static void Remember(HttpContext http, string code) =>
        http.Response.Cookies.Append(CookieName, code, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = CookieLifetime,
        });

    private void Fallback(HttpContext http, DownstreamException e)
    {
        var activity = Activity.Current;
        activity?.AddException(e);
        activity?.SetTag(FallbackTag, true);
        Log.CurrencyFallback(logger, e.StatusCode, http.Request.Method, http.Request.Path, e.Problem.Detail);
    }
}
