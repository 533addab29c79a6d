using System.Net;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using static Frontend.Tests.Support.HtmlForms;

namespace Frontend.Tests;

/// <summary>
/// A table of bad storefront checkout forms. The form's contract: a 400 with the cart page shown again and
/// the reason; hostile text comes back encoded, never as markup; no order is placed (the cart stays).
/// </summary>
public sealed class CheckoutFormBadInputTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    public static TheoryData<string, string, string, bool> BadForms => new()
    {
        // field, value, message shown, whether Checkout is asked at all (Frontend checks only what it must parse)
        { "expirationMonth", "twelve", "The expiration month must be a number from 1 to 12.", false },
        { "expirationMonth", "", "The expiration month must be a number from 1 to 12.", false },
        { "expirationMonth", "-1", "The expiration month must be a number from 1 to 12.", false },
        { "expirationMonth", "99999999999999999999", "The expiration month must be a number from 1 to 12.", false },
        { "expirationYear", "abc", "The expiration year must be a four-digit year.", false },
        { "expirationYear", "1e3", "The expiration year must be a four-digit year.", false },
        { "expirationYear", "' OR 1=1 --", "The expiration year must be a four-digit year.", false },
        { "email", "<script>alert(1)</script>", "email: A valid e-mail address is required.", true },
        { "cardNumber", "' OR 1=1 --", "card.number: The card number must be 16 digits.", true },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_checkout_form_is_a_400_page_with_the_reason_and_places_no_order(string field, string value, string message, bool checkoutAsked)
    {
        using var client = fixture.CreateClient();
        var userId = await FirstVisitUserIdAsync(client);
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields((field, value)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(WebUtility.HtmlEncode(message), html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(checkoutAsked, fixture.Peers.CheckoutRequests.ContainsKey(userId));
        Assert.Contains(ShopPeers.Starsense.Name, await client.GetStringAsync("/cart")); // a placed order would have emptied it
    }
}
