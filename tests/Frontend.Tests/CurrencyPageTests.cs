using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Frontend.Tests.Support.HtmlForms;

namespace Frontend.Tests;

/// <summary>The header's currency selector and the prices of the pages, converted by the real Currency service.</summary>
public sealed partial class CurrencyPageTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    [Fact]
    public async Task The_selector_offers_every_currency_Currency_lists_with_USD_chosen_at_first()
    {
        using var client = fixture.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Equal(await CurrenciesAsync(), Options().Matches(html).Select(m => m.Groups["code"].Value).ToList());
        Assert.Contains("""<option value="USD" selected>USD</option>""", html);
        Assert.DoesNotContain("currency-notice", html);
    }

    [Fact]
    public async Task Choosing_EUR_remembers_it_and_shows_the_home_page_prices_converted_by_Currency()
    {
        using var client = fixture.CreateClient();

        using var chosen = await ChooseAsync(client, "EUR", "/");
        var html = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.SeeOther, chosen.StatusCode);
        Assert.Equal("/", chosen.Headers.Location?.OriginalString);
        var cookie = Assert.Single(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shop_currency=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("""<option value="EUR" selected>EUR</option>""", html);
        var expected = await ConvertAsync(ShopPeers.Starsense.Price.Amount, "EUR");
        Assert.NotEqual(ShopPeers.Starsense.Price.Amount, expected);
        Assert.Contains($"""<span class="price">{Eur(expected)}</span>""", html);
        Assert.DoesNotContain("$349.95", html);
    }

    [Fact]
    public async Task The_product_and_cart_pages_show_converted_prices_and_the_order_is_placed_in_that_currency()
    {
        using var client = fixture.CreateClient();
        var userId = await FirstVisitUserIdAsync(client);
        using var _ = await ChooseAsync(client, "EUR", "/cart");
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 2);
        var unit = await ConvertAsync(ShopPeers.Starsense.Price.Amount, "EUR");

        var product = await client.GetStringAsync($"/products/{ShopPeers.Starsense.Id}");
        var cart = await client.GetStringAsync("/cart");
        using var placed = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields(("currency", "EUR")));

        Assert.Contains($"""<p class="price">{Eur(unit)}</p>""", product);
        Assert.Contains($"""<td class="num">{Eur(unit)}</td>""", cart);
        Assert.Contains($"""<td class="num total">{Eur(unit * 2)}</td>""", cart);
        Assert.Contains("""<input type="hidden" name="currency" value="EUR">""", cart);
        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        Assert.Equal("EUR", fixture.Peers.CheckoutRequests[userId].Currency);
    }

    [Fact]
    public async Task An_unknown_currency_in_the_form_is_a_400_page_and_changes_nothing()
    {
        using var client = fixture.CreateClient();

        using var response = await ChooseAsync(client, "XYZ", "/");
        var html = await response.Content.ReadAsStringAsync();
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown currency", html);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("shop_currency=", StringComparison.Ordinal));
        Assert.Contains("""<span class="price">$349.95</span>""", home);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("%3Cscript%3E")]
    public async Task An_unknown_currency_in_the_cookie_is_ignored_and_prices_stay_in_USD(string cookie)
    {
        using var client = fixture.CreateClientWithoutCookieJar();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"shop_currency={cookie}");

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("""<span class="price">$349.95</span>""", html);
        Assert.Contains("""<option value="USD" selected>USD</option>""", html);
        Assert.DoesNotContain("currency-notice", html);
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/cart", "/cart")]
    public async Task The_form_sends_the_browser_back_only_to_a_page_of_this_site(string returnUrl, string expected)
    {
        using var client = fixture.CreateClient();

        using var response = await ChooseAsync(client, "GBP", returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/products/66VCHSJNUP")]
    [InlineData("/cart")]
    public async Task When_Currency_is_down_pages_show_USD_prices_with_a_notice(string page)
    {
        await using var variant = fixture.CreateVariant(web => web.UseSetting("services:currency:http:0", "http://127.0.0.1:1"));
        using var client = variant.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Add("Cookie", "shop_currency=EUR");

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("$349.95", html);
        Assert.DoesNotContain(" EUR<", html);
        Assert.Contains("Prices are shown in USD: currency conversion is unavailable right now.", html);
        Assert.DoesNotContain("currency-form", html);
    }

    [Fact]
    public async Task When_Currency_is_down_the_cart_is_ordered_in_USD()
    {
        await using var variant = fixture.CreateVariant(web => web.UseSetting("services:currency:http:0", "http://127.0.0.1:1"));
        using var client = variant.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AddToCartAsync(client, ShopPeers.RedFlashlight.Id, 1);

        var cart = await client.GetStringAsync("/cart");

        Assert.Contains("""<input type="hidden" name="currency" value="USD">""", cart);
    }

    private static Task<HttpResponseMessage> ChooseAsync(HttpClient client, string currency, string returnUrl) =>
        SubmitAsync(client, "/", "/currency", new Dictionary<string, string> { ["currency"] = currency, ["returnUrl"] = returnUrl });

    private async Task<List<string>> CurrenciesAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.CurrencyAddress };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/currencies");
        return list.GetProperty("currencies").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    /// <summary>What the real Currency service makes of a USD amount.</summary>
    private async Task<decimal> ConvertAsync(decimal usd, string to)
    {
        using var http = new HttpClient { BaseAddress = fixture.CurrencyAddress };
        using var response = await http.PostAsJsonAsync("/api/currencies/convert", new { from = new { currency = "USD", amount = usd }, to });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("amount").GetDecimal();
    }

    private static string Eur(decimal amount) => $"{amount.ToString("#,##0.00", CultureInfo.InvariantCulture)} EUR";

    [GeneratedRegex("""<option value="(?<code>[A-Z]{3})"(?: selected)?>""")]
    private static partial Regex Options();
}
