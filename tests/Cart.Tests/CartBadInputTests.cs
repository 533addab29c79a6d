using System.Net.Http.Json;
using System.Text;
using Platform.Cart.Model;
using Platform.Cart.Tests.Infrastructure;
using Platform.Testing.BadInput;
using Xunit.Abstractions;

namespace Platform.Cart.Tests;

/// <summary>
/// Bad requests to the cart API answer a 4xx problem naming the field and leave the cart in Redis as
/// it was; a seeded fuzz pass over the add-item body never gets a 5xx.
/// </summary>
public sealed class CartBadInputTests(CartFixture fixture, ITestOutputHelper output) : IClassFixture<CartFixture>
{
    private const string ValidBody = """{"productId":"OLJCESPC7Z","quantity":2}""";
    private HttpClient Client => fixture.App.Client;

    public static TheoryData<string, string, string, int, string> BadItems => new()
    {
        // case, body, content type, expected status, field named
        { "malformed JSON", """{"productId":"OLJCESPC7Z","quantity":""", "application/json", 400, "quantity" },
        { "quantity as a word", """{"productId":"OLJCESPC7Z","quantity":"two"}""", "application/json", 400, "quantity" },
        { "quantity beyond Int64", """{"productId":"OLJCESPC7Z","quantity":99999999999999999999999}""", "application/json", 400, "quantity" },
        { "quantity beyond Int32", """{"productId":"OLJCESPC7Z","quantity":2147483648}""", "application/json", 400, "quantity" },
        { "negative quantity", """{"productId":"OLJCESPC7Z","quantity":-3}""", "application/json", 400, "quantity" },
        { "zero quantity", """{"productId":"OLJCESPC7Z","quantity":0}""", "application/json", 400, "quantity" },
        { "quantity over 100", """{"productId":"OLJCESPC7Z","quantity":101}""", "application/json", 400, "quantity" },
        { "quantity as null", """{"productId":"OLJCESPC7Z","quantity":null}""", "application/json", 400, "quantity" },
        { "missing quantity", """{"productId":"OLJCESPC7Z"}""", "application/json", 400, "quantity" },
        { "missing product id", """{"quantity":1}""", "application/json", 400, "productId" },
        { "blank product id", """{"productId":"   ","quantity":1}""", "application/json", 400, "productId" },
        { "product id as a number", """{"productId":7,"quantity":1}""", "application/json", 400, "productId" },
        { "product id as an array", """{"productId":["OLJCESPC7Z"],"quantity":1}""", "application/json", 400, "productId" },
        { "product id of 1 MB", $$"""{"productId":"{{new string('P', 1024 * 1024)}}","quantity":1}""", "application/json", 400, "productId" },
        { "null body", "null", "application/json", 400, "productId" },
        { "array body", "[]", "application/json", 400, "body" },
        { "number body", "42", "application/json", 400, "body" },
        { "empty body", "", "application/json", 400, "productId" },
        { "deeply nested JSON", """{"productId":""" + new string('[', 3000) + new string(']', 3000) + "}", "application/json", 400, "productId" },
        { "text/plain", ValidBody, "text/plain", 415, "Content-Type" },
        { "a form", "productId=OLJCESPC7Z&quantity=1", "application/x-www-form-urlencoded", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task A_bad_item_is_a_4xx_problem_naming_the_field_and_the_cart_is_unchanged(string _, string body, string contentType, int status, string field)
    {
        var userId = await UserWithOneLineAsync();

        using var response = await Client.PostAsync($"/api/cart/{userId}/items", Content(Encoding.UTF8.GetBytes(body), contentType));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        await AssertUnchangedAsync(userId);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_problem_and_the_cart_is_unchanged()
    {
        var userId = await UserWithOneLineAsync();
        var bytes = Encoding.UTF8.GetBytes(ValidBody);
        bytes[14] = 0xC3;
        bytes[15] = 0x28;

        using var response = await Client.PostAsync($"/api/cart/{userId}/items", Content(bytes, "application/json"));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("productId", answer.ErrorFields);
        await AssertUnchangedAsync(userId);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("*")]
    [InlineData("cart:*")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\r\nFLUSHALL\r\n")]
    public async Task Injection_strings_are_stored_as_plain_data_and_touch_no_other_cart(string productId)
    {
        // The cart does not know the catalogue (the frontend checks ids): a hostile id is only a string in
        // this user's hash, never a key pattern or a command.
        var other = await UserWithOneLineAsync();
        var userId = CartApp.NewUserId();

        using var response = await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId, quantity = 1 });

        response.EnsureSuccessStatusCode();
        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");
        Assert.Equal([new CartItem(productId.Trim(), 1)], cart!.Items);
        await AssertUnchangedAsync(other);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("*")]
    [InlineData("<script>")]
    public async Task A_hostile_user_id_sees_only_its_own_empty_cart(string userId)
    {
        await UserWithOneLineAsync();

        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{Uri.EscapeDataString(userId)}");

        Assert.Equal(userId, cart!.UserId);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public async Task A_user_id_too_long_is_a_400_problem_naming_it()
    {
        using var response = await Client.GetAsync($"/api/cart/{new string('u', 129)}");

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("userId", answer.ErrorFields);
    }

    [Fact]
    public async Task Seeded_fuzz_of_the_add_item_body_never_gets_a_5xx_nor_a_partial_write()
    {
        var seed = JsonMutator.SeedFromEnvironment();
        output.WriteLine($"FUZZ_SEED={seed}");
        var mutator = new JsonMutator(ValidBody, seed);
        var userId = await UserWithOneLineAsync();
        var expected = await CartOfAsync(userId);

        for (var i = 0; i < 300; i++)
        {
            var (body, description) = mutator.Next();
            using var response = await Client.PostAsync($"/api/cart/{userId}/items", Content(body, "application/json"));
            var answer = await ProblemAnswer.ReadAsync(response);
            var context = $"FUZZ_SEED={seed} case {i} ({description}): {answer}";

            Assert.True(answer.Status < 500, context);
            if (answer.Status >= 400)
            {
                Assert.True(answer.IsProblem, context);
                Assert.True(answer.ErrorFields.Count > 0, context);
                Assert.Equal(expected, await CartOfAsync(userId));
            }
            else
            {
                expected = await CartOfAsync(userId);
            }
        }
    }

    private async Task<string> UserWithOneLineAsync()
    {
        var userId = CartApp.NewUserId();
        using var response = await Client.PostAsync($"/api/cart/{userId}/items", Content(Encoding.UTF8.GetBytes(ValidBody), "application/json"));
        response.EnsureSuccessStatusCode();
        return userId;
    }

    private async Task AssertUnchangedAsync(string userId) =>
        Assert.Equal([new CartItem("OLJCESPC7Z", 2)], await CartOfAsync(userId));

    private async Task<IReadOnlyList<CartItem>> CartOfAsync(string userId) =>
        (await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}"))!.Items;

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return content;
    }
}
