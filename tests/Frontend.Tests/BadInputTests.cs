using System.Net;
using System.Text;
using Frontend.Tests.Peers;
using Frontend.Tests.Support;
using Platform.Testing.BadInput;
using Xunit.Abstractions;

namespace Frontend.Tests;

/// <summary>
/// Bad requests to the public JSON API answer a 4xx problem naming the field, and change nothing:
/// no cart line added, no order placed.
/// </summary>
public sealed class BadInputTests(FrontendFixture fixture, ITestOutputHelper output) : IClassFixture<FrontendFixture>
{
    private const string Product = "OLJCESPC7Z";
    private static readonly string Megabyte = new('x', 1024 * 1024);

    private static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    public static TheoryData<string, string, string?, int, string> BadCartItems => new()
    {
        // case, body, content type (null: application/json), expected status, field named
        { "malformed JSON", """{"productId":"OLJCESPC7Z","quantity":""", null, 400, "quantity" },
        { "quantity as a word", """{"productId":"OLJCESPC7Z","quantity":"two"}""", null, 400, "quantity" },
        { "quantity beyond Int64", """{"productId":"OLJCESPC7Z","quantity":99999999999999999999999}""", null, 400, "quantity" },
        { "negative quantity", """{"productId":"OLJCESPC7Z","quantity":-1}""", null, 400, "quantity" },
        { "zero quantity", """{"productId":"OLJCESPC7Z","quantity":0}""", null, 400, "quantity" },
        { "quantity over the maximum", """{"productId":"OLJCESPC7Z","quantity":101}""", null, 400, "quantity" },
        { "fractional quantity", """{"productId":"OLJCESPC7Z","quantity":1.5}""", null, 400, "quantity" },
        { "missing product id", """{"quantity":1}""", null, 400, "productId" },
        { "missing quantity", """{"productId":"OLJCESPC7Z"}""", null, 400, "quantity" },
        { "product id as a number", """{"productId":42,"quantity":1}""", null, 400, "productId" },
        { "product id as an object", """{"productId":{"id":"OLJCESPC7Z"},"quantity":1}""", null, 400, "productId" },
        { "null body", "null", null, 400, "body" },
        { "array body", "[]", null, 400, "body" },
        { "empty body", "", null, 400, "body" },
        { "deeply nested JSON", new string('[', 5000) + new string(']', 5000), null, 400, "body" },
        { "a product id too long", $$"""{"productId":"{{new string('A', 200)}}","quantity":1}""", null, 400, "productId" },
        { "1 MB product id", $$"""{"productId":"{{Megabyte}}","quantity":1}""", null, 413, "body" },
        { "text/plain", """{"productId":"OLJCESPC7Z","quantity":1}""", "text/plain", 415, "Content-Type" },
        { "a form", "productId=OLJCESPC7Z&quantity=1", "application/x-www-form-urlencoded", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadCartItems))]
    public async Task A_bad_cart_item_is_a_4xx_problem_naming_the_field_and_adds_nothing(string _, string body, string? contentType, int status, string field)
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await PostAsync(client, $"/api/cart/{userId}/items", Content(body, contentType));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        Assert.False(fixture.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_cart_item_is_a_400_problem()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        var bytes = Encoding.UTF8.GetBytes("""{"productId":"OLJCESPC7Z","quantity":1}""");
        bytes[15] = 0xFF;

        using var response = await client.PostAsync($"/api/cart/{userId}/items", Content(bytes, "application/json"));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("productId", answer.ErrorFields);
        Assert.False(fixture.Peers.Carts.ContainsKey(userId));
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("1; DROP TABLE carts; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    [InlineData("NOSUCHPRODUCT")]
    public async Task An_unknown_or_hostile_product_id_is_a_404_problem_and_adds_nothing(string productId)
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await client.PostAsync($"/api/cart/{userId}/items",
            Content($$"""{"productId":{{System.Text.Json.JsonSerializer.Serialize(productId)}},"quantity":1}""", null));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 404 && answer.IsProblem, answer.ToString());
        Assert.False(fixture.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Extra_fields_in_a_cart_item_are_ignored()
    {
        using var client = fixture.CreateClient();
        var userId = NewUserId();

        using var response = await client.PostAsync($"/api/cart/{userId}/items",
            Content("""{"productId":"OLJCESPC7Z","quantity":2,"price":0,"userId":"someone-else"}""", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fixture.Peers.Carts[userId][Product]);
    }

    public static TheoryData<string, string, string?, int, string> BadCheckouts => new()
    {
        { "malformed JSON", """{"userId":"u1","email":""", null, 400, "email" },
        { "card as a string", """{"userId":"u1","card":"4432801561520454"}""", null, 400, "card" },
        { "expiration month as a word", """{"userId":"u1","card":{"number":"4432801561520454","expirationMonth":"one"}}""", null, 400, "card.expirationMonth" },
        { "expiration year beyond Int64", """{"userId":"u1","card":{"expirationYear":99999999999999999999999}}""", null, 400, "card.expirationYear" },
        { "address as an array", """{"userId":"u1","address":[]}""", null, 400, "address" },
        { "missing user id", """{"email":"someone@example.com"}""", null, 400, "userId" },
        { "user id as a number", """{"userId":7}""", null, 400, "userId" },
        { "user id too long", $$"""{"userId":"{{new string('u', 200)}}"}""", null, 400, "userId" },
        { "null body", "null", null, 400, "body" },
        { "array body", "[]", null, 400, "body" },
        { "deeply nested JSON", """{"userId":"u1","address":""" + new string('[', 5000), null, 400, "address" },
        { "1 MB body", $$"""{"userId":"u1","email":"{{Megabyte}}"}""", null, 413, "body" },
        { "XML", "<checkout><userId>u1</userId></checkout>", "application/xml", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadCheckouts))]
    public async Task A_bad_checkout_is_a_4xx_problem_naming_the_field_and_places_nothing(string _, string body, string? contentType, int status, string field)
    {
        using var client = fixture.CreateClient();
        var orders = fixture.Peers.Orders.Count;

        using var response = await PostAsync(client, "/api/checkout", Content(body, contentType));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        Assert.False(fixture.Peers.Orders.ContainsKey("u1"));
        Assert.True(fixture.Peers.Orders.Count >= orders);
    }

    [Theory]
    [InlineData("/api/cart/{0}")]
    [InlineData("/api/products/{0}")]
    public async Task An_id_too_long_is_a_400_problem_naming_it(string route)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(string.Format(route, new string('x', 4000)));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Single(answer.ErrorFields, f => f is "userId" or "id");
    }

    [Fact]
    public async Task A_1_MB_id_is_refused_by_kestrel_with_a_4xx()
    {
        // The request line is over Kestrel's limit: Kestrel answers before the app runs, so no problem body.
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync($"/api/cart/{Megabyte}");

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("OLJCESPC7Z", "two")]
    [InlineData("OLJCESPC7Z", "99999999999999999999999")]
    [InlineData("OLJCESPC7Z", "-1")]
    [InlineData("OLJCESPC7Z", "<script>alert(1)</script>")]
    [InlineData("OLJCESPC7Z", "")]
    [InlineData("", "1")]
    [InlineData("' OR '1'='1", "1")]
    public async Task A_bad_add_to_cart_form_is_a_4xx_page_and_adds_nothing(string productId, string quantity)
    {
        using var client = fixture.CreateClient();
        var userId = await HtmlForms.FirstVisitUserIdAsync(client);

        using var response = await HtmlForms.SubmitAsync(client, $"/products/{Product}", "/cart/items",
            new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = quantity });

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync());
        Assert.False(fixture.Peers.Carts.TryGetValue(userId, out var cart) && !cart.IsEmpty);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_a_400_and_adds_nothing()
    {
        using var client = fixture.CreateClient();
        var userId = await HtmlForms.FirstVisitUserIdAsync(client);

        using var response = await client.PostAsync("/cart/items", new FormUrlEncodedContent(new Dictionary<string, string> { ["productId"] = Product, ["quantity"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(fixture.Peers.Carts.TryGetValue(userId, out var cart) && !cart.IsEmpty);
    }

    [Fact]
    public async Task A_form_of_1_MB_is_a_413()
    {
        using var client = fixture.CreateClient();
        var page = await client.GetStringAsync($"/products/{Product}");
        var form = new Dictionary<string, string> { ["productId"] = Product, ["quantity"] = "1", ["note"] = Megabyte, [HtmlForms.TokenField] = HtmlForms.AntiforgeryToken(page) };

        using var response = await PostAsync(client, "/cart/items", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("cart")]
    [InlineData("checkout")]
    public async Task Seeded_fuzz_of_the_api_bodies_never_gets_a_5xx(string api)
    {
        var seed = JsonMutator.SeedFromEnvironment();
        output.WriteLine($"FUZZ_SEED={seed}");
        using var client = fixture.CreateClient();
        var userId = NewUserId();
        var (uri, valid) = api == "cart"
            ? ($"/api/cart/{userId}/items", $$"""{"productId":"{{Product}}","quantity":1}""")
            : ("/api/checkout", $$$"""
                {"userId":"{{{userId}}}","email":"someone@example.com","currency":"USD",
                 "address":{"street":"1600 Amphitheatre Parkway","city":"Mountain View","state":"CA","country":"United States","zip":"94043"},
                 "card":{"number":"4432801561520454","cvv":"672","expirationMonth":1,"expirationYear":2030}}
                """);
        var mutator = new JsonMutator(valid, seed);

        for (var i = 0; i < 300; i++)
        {
            var (body, description) = mutator.Next();
            using var response = await PostAsync(client, uri, Content(body, "application/json"));
            var answer = await ProblemAnswer.ReadAsync(response);
            var context = $"FUZZ_SEED={seed} case {i} ({description}): {answer}";

            Assert.True(answer.Status < 500, context);
            Assert.True(answer.Status < 400 || answer.IsProblem, context);
        }
    }

    /// <summary>
    /// Posts like a careful client: a body over the limit is announced with <c>Expect: 100-continue</c>,
    /// so Kestrel answers 413 before it is sent (otherwise Kestrel closes the connection while the
    /// client is still writing, and the client sees a broken pipe rather than the answer).
    /// </summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string uri, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.ExpectContinue = content.Headers.ContentLength > 64 * 1024;
        return client.SendAsync(request);
    }

    private static HttpContent Content(string body, string? contentType) => Content(Encoding.UTF8.GetBytes(body), contentType ?? "application/json");

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return content;
    }
}
