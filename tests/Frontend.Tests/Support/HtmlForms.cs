using System.Net;
using System.Text.RegularExpressions;

namespace Frontend.Tests.Support;

/// <summary>What a browser without JavaScript does: read a page, post its form with the antiforgery token.</summary>
public static partial class HtmlForms
{
    public const string TokenField = "__shop_antiforgery";

    [GeneratedRegex("""name="__shop_antiforgery" value="(?<token>[^"]+)"/?>""")]
    private static partial Regex TokenPattern();

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery field.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>GETs <paramref name="pagePath"/>, then posts the given fields plus the page's antiforgery token to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pagePath, string action, IDictionary<string, string> fields)
    {
        using var pageResponse = await client.GetAsync(pagePath); // an error page (a 500 cart) still carries its forms
        var page = await pageResponse.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields) { [TokenField] = AntiforgeryToken(page) };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static async Task AddToCartAsync(HttpClient client, string productId, int quantity)
    {
        using var response = await SubmitAsync(client, $"/products/{productId}", "/cart/items",
            new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = quantity.ToString() });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    /// <summary>The checkout form's fields as the cart page prefills them, with <paramref name="overrides"/> applied.</summary>
    public static Dictionary<string, string> CheckoutFields(params (string Name, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["email"] = "someone@example.com",
            ["street"] = "1600 Amphitheatre Parkway",
            ["city"] = "Mountain View",
            ["state"] = "CA",
            ["country"] = "United States",
            ["zip"] = "94043",
            ["cardNumber"] = "4432-8015-6152-0454",
            ["cvv"] = "672",
            ["expirationMonth"] = "1",
            ["expirationYear"] = "2030",
        };
        foreach (var (name, value) in overrides)
        {
            fields[name] = value;
        }

        return fields;
    }

    /// <summary>The shop_user id a fresh client gets on its first visit.</summary>
    public static async Task<string> FirstVisitUserIdAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shop_user=", StringComparison.Ordinal));
        return cookie["shop_user=".Length..cookie.IndexOf(';')];
    }

    public static string Text(string html) => WebUtility.HtmlDecode(html);
}
