using System.Net;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using static Frontend.Tests.Support.HtmlForms;

namespace Frontend.Tests;

/// <summary>The HTML pages, driven as a browser without JavaScript would: GET pages, POST their forms.</summary>
public sealed class StorefrontPageTests(FrontendFixture fixture) : IClassFixture<FrontendFixture>
{
    [Fact]
    public async Task Home_page_lists_products_with_name_picture_price_and_link()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"""<a href="/products/{ShopPeers.Starsense.Id}">""", html);
        Assert.Contains($"""<img src="/images/products/{ShopPeers.Starsense.Id}.svg" alt="{ShopPeers.Starsense.Name}" """, html);
        Assert.Contains($"""<span class="product-name">{ShopPeers.Starsense.Name}</span>""", html);
        Assert.Contains("""<span class="price">$349.95</span>""", html);
    }

    [Fact]
    public async Task First_visit_sets_an_HttpOnly_SameSite_Lax_shop_user_cookie()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shop_user=", StringComparison.Ordinal));
        Assert.Matches("^shop_user=[0-9a-f]{32};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_that_allows_no_script()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/");

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_shop_user_cookie_that_is_not_an_id_made_here_is_replaced()
    {
        using var client = fixture.CreateClientWithoutCookieJar();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cart");
        request.Headers.Add("Cookie", "shop_user=%3Cscript%3E");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shop_user=", StringComparison.Ordinal));
        Assert.Matches("^shop_user=[0-9a-f]{32};", cookie);
    }

    [Fact]
    public async Task A_returning_shopper_keeps_the_shop_user_id_and_its_cart()
    {
        var userId = Guid.NewGuid().ToString("N");
        fixture.Peers.Carts.GetOrAdd(userId, _ => new())[ShopPeers.RedFlashlight.Id] = 3;
        using var client = fixture.CreateClientWithoutCookieJar();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cart");
        request.Headers.Add("Cookie", $"shop_user={userId}");

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("shop_user=", StringComparison.Ordinal)));
        Assert.Contains(ShopPeers.RedFlashlight.Name, html);
        Assert.Contains("""<td class="num total">$173.40</td>""", html);
    }

    [Fact]
    public async Task A_product_name_with_a_script_tag_is_encoded_on_the_home_and_product_pages()
    {
        using var client = fixture.CreateClient();

        var home = await client.GetStringAsync("/");
        var product = await client.GetStringAsync($"/products/{ShopPeers.XssProductId}");

        foreach (var html in new[] { home, product })
        {
            Assert.DoesNotContain("<script>", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; Scope", html);
        }
    }

    [Fact]
    public async Task Product_page_shows_the_product_and_an_add_to_cart_form()
    {
        using var client = fixture.CreateClient();

        var html = await client.GetStringAsync($"/products/{ShopPeers.Explorascope.Id}");

        Assert.Contains($"<h1>{ShopPeers.Explorascope.Name}</h1>", html);
        Assert.Contains("""<form method="post" action="/cart/items" class="add-to-cart">""", html);
        Assert.Contains($"""<input type="hidden" name="productId" value="{ShopPeers.Explorascope.Id}">""", html);
        Assert.Contains("""name="quantity" min="1" max="100" value="1" """, html);
        Assert.NotEmpty(AntiforgeryToken(html));
    }

    [Fact]
    public async Task Product_page_of_an_unknown_product_is_a_404_page()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/products/NOPE");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No product with id &#x27;NOPE&#x27;.", html);
    }

    [Fact]
    public async Task Product_page_failing_in_the_catalogue_is_a_502_page_with_the_detail()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/products/{ShopPeers.FailingProductId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Simulated failure for product FAILING01 (productCatalogFailure).", html);
    }

    [Fact]
    public async Task Add_to_cart_form_redirects_303_to_the_cart_which_shows_quantities_unit_prices_line_totals_and_total()
    {
        using var client = fixture.CreateClient();

        using var added = await SubmitAsync(client, $"/products/{ShopPeers.Explorascope.Id}", "/cart/items",
            new Dictionary<string, string> { ["productId"] = ShopPeers.Explorascope.Id, ["quantity"] = "2" });
        await AddToCartAsync(client, ShopPeers.RedFlashlight.Id, 1);
        var cart = await client.GetStringAsync("/cart");

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal("/cart", added.Headers.Location?.OriginalString);
        Assert.Contains(ShopPeers.Explorascope.Name, cart);
        Assert.Contains("""<td class="num">2</td>""", cart);
        Assert.Contains("""<td class="num">$101.96</td>""", cart);
        Assert.Contains("""<td class="num">$203.92</td>""", cart);
        Assert.Contains("""<td class="num total">$261.72</td>""", cart);
    }

    [Fact]
    public async Task Add_to_cart_form_without_the_antiforgery_token_is_rejected_and_adds_nothing()
    {
        using var client = fixture.CreateClient();
        var page = await client.GetStringAsync($"/products/{ShopPeers.Explorascope.Id}");

        using var response = await client.PostAsync("/cart/items", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["productId"] = ShopPeers.Explorascope.Id,
            ["quantity"] = "1",
        }));
        var cart = await client.GetStringAsync("/cart");

        Assert.NotEmpty(page);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Form expired", await response.Content.ReadAsStringAsync());
        Assert.Contains("Your cart is empty.", cart);
    }

    [Fact]
    public async Task Add_to_cart_form_with_quantity_0_shows_the_product_page_again_with_a_400_and_a_message()
    {
        using var client = fixture.CreateClient();

        using var response = await SubmitAsync(client, $"/products/{ShopPeers.Explorascope.Id}", "/cart/items",
            new Dictionary<string, string> { ["productId"] = ShopPeers.Explorascope.Id, ["quantity"] = "0" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The quantity must be a whole number from 1 to 100.", html);
        Assert.Contains("""name="quantity" min="1" max="100" value="0" """, html);
    }

    [Fact]
    public async Task Empty_cart_form_empties_the_cart()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await SubmitAsync(client, "/cart", "/cart/empty", new Dictionary<string, string>());
        var cart = await client.GetStringAsync("/cart");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("Your cart is empty.", cart);
    }

    [Fact]
    public async Task Cart_page_with_a_failing_product_answers_502_with_the_detail_and_still_offers_to_empty_the_cart()
    {
        using var client = fixture.CreateClient();
        var userId = await FirstVisitUserIdAsync(client);
        fixture.Peers.Carts.GetOrAdd(userId, _ => new())[ShopPeers.FailingProductId] = 1;

        using var response = await client.GetAsync("/cart");
        var html = await response.Content.ReadAsStringAsync();
        using var emptied = await SubmitAsync(client, "/cart", "/cart/empty", new Dictionary<string, string>());
        using var after = await client.GetAsync("/cart");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Simulated failure for product FAILING01 (productCatalogFailure).", html);
        Assert.Contains("""action="/cart/empty" """.TrimEnd(), html);
        Assert.DoesNotContain("""action="/checkout" """.TrimEnd(), html);
        Assert.Equal(HttpStatusCode.SeeOther, emptied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Empty_cart_form_with_a_forged_token_is_rejected_and_keeps_the_cart()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await client.PostAsync("/cart/empty", new FormUrlEncodedContent(new Dictionary<string, string> { [TokenField] = "forged" }));
        var cart = await client.GetStringAsync("/cart");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ShopPeers.Starsense.Name, cart);
    }

    [Fact]
    public async Task Cart_page_prefills_the_checkout_form_with_demo_values()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        var cart = await client.GetStringAsync("/cart");

        Assert.Contains("""<form method="post" action="/checkout" class="checkout">""", cart);
        Assert.Contains("""name="cardNumber" type="text" value="4432-8015-6152-0454" """, cart);
        Assert.Contains("""name="email" type="email" value="someone@example.com" """, cart);
    }

    [Fact]
    public async Task Checkout_form_redirects_303_to_a_confirmation_page_with_the_order_id_items_and_total()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 2);

        using var response = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields());
        var location = response.Headers.Location?.OriginalString;
        var confirmation = await client.GetStringAsync(location);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var (userId, order) = Assert.Single(fixture.Peers.Orders, pair => location == $"/orders/{pair.Value.OrderId}");
        Assert.Contains($"""<strong class="order-id">{order.OrderId}</strong>""", confirmation);
        Assert.Contains(ShopPeers.Starsense.Name, confirmation);
        Assert.Contains("""<td class="num total">$699.90</td>""", confirmation);
        Assert.Equal("4432801561520454", fixture.Peers.CheckoutRequests[userId].Card!.Number);
    }

    [Fact]
    public async Task Checkout_form_rejected_by_checkout_shows_the_cart_again_with_400_the_errors_and_the_typed_values()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields(("email", "no-at-sign"), ("city", "Tromsø")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Your order could not be placed", html);
        Assert.Contains("email: A valid e-mail address is required.", html);
        Assert.Contains("""name="email" type="email" value="no-at-sign" """, html);
        Assert.Equal("Tromsø", Text(System.Text.RegularExpressions.Regex.Match(html, """name="city" type="text" value="([^"]*)" """).Groups[1].Value));
        Assert.Contains(ShopPeers.Starsense.Name, html);
    }

    [Fact]
    public async Task Checkout_form_without_the_antiforgery_token_is_rejected_and_places_no_order()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await client.PostAsync("/checkout", new FormUrlEncodedContent(CheckoutFields()));
        var cart = await client.GetStringAsync("/cart");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ShopPeers.Starsense.Name, cart); // a placed order would have emptied the cart
    }

    [Fact]
    public async Task Checkout_form_with_a_wrong_expiration_month_is_400_without_calling_checkout()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields(("expirationMonth", "13")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The expiration month must be a number from 1 to 12.", html);
    }

    [Fact]
    public async Task Checkout_form_failing_downstream_shows_the_cart_again_with_502_and_the_detail()
    {
        using var client = fixture.CreateClient();
        await AddToCartAsync(client, ShopPeers.Starsense.Id, 1);

        using var response = await SubmitAsync(client, "/cart", "/checkout", CheckoutFields(("email", $"{ShopPeers.PaymentDownEmailPrefix}@example.com")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("payment answered 500: simulated payment failure (paymentFailure).", html);
        Assert.Contains("""<td class="num total">$349.95</td>""", html);
    }

    [Fact]
    public async Task Order_page_of_another_user_is_a_404_page()
    {
        using var buyer = fixture.CreateClient();
        using var stranger = fixture.CreateClient();
        await AddToCartAsync(buyer, ShopPeers.RedFlashlight.Id, 1);
        using var placed = await SubmitAsync(buyer, "/cart", "/checkout", CheckoutFields());

        using var response = await stranger.GetAsync(placed.Headers.Location);

        Assert.Equal(HttpStatusCode.SeeOther, placed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
