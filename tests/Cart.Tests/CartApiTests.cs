using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Platform.Cart.Model;
using Platform.Cart.Tests.Infrastructure;

namespace Platform.Cart.Tests;

public sealed class CartApiTests(CartFixture fixture) : IClassFixture<CartFixture>
{
    private HttpClient Client => fixture.App.Client;

    [Fact]
    public async Task Get_of_a_user_without_a_cart_is_an_empty_cart()
    {
        var userId = CartApp.NewUserId();

        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");

        Assert.Equal(userId, cart!.UserId);
        Assert.Empty(cart.Items);
    }

    [Fact]
    public async Task Add_item_returns_the_cart_with_the_item()
    {
        var userId = CartApp.NewUserId();

        var response = await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = await response.Content.ReadFromJsonAsync<ShoppingCart>();
        Assert.Equal(userId, cart!.UserId);
        Assert.Equal([new CartItem("OLJCESPC7Z", 2)], cart.Items);
    }

    [Fact]
    public async Task Quantities_of_the_same_product_add_up()
    {
        var userId = CartApp.NewUserId();

        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "66VCHSJNUP", quantity = 3 });
        var response = await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "66VCHSJNUP", quantity = 4 });

        var cart = await response.Content.ReadFromJsonAsync<ShoppingCart>();
        Assert.Equal([new CartItem("66VCHSJNUP", 7)], cart!.Items);
    }

    [Fact]
    public async Task Get_returns_every_product_added_ordered_by_product_id()
    {
        var userId = CartApp.NewUserId();
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "1YMWWN1N4O", quantity = 5 });

        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");

        Assert.Equal([new CartItem("1YMWWN1N4O", 5), new CartItem("OLJCESPC7Z", 1)], cart!.Items);
    }

    [Fact]
    public async Task Cart_json_uses_the_camel_case_contract()
    {
        var userId = CartApp.NewUserId();
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "L9ECAV7KIM", quantity = 1 });

        using var json = JsonDocument.Parse(await Client.GetStringAsync($"/api/cart/{userId}"));

        Assert.Equal(userId, json.RootElement.GetProperty("userId").GetString());
        var item = json.RootElement.GetProperty("items")[0];
        Assert.Equal("L9ECAV7KIM", item.GetProperty("productId").GetString());
        Assert.Equal(1, item.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Carts_of_different_users_are_separate()
    {
        var alice = CartApp.NewUserId();
        var bob = CartApp.NewUserId();

        await Client.PostAsJsonAsync($"/api/cart/{alice}/items", new { productId = "OLJCESPC7Z", quantity = 1 });

        var bobsCart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{bob}");
        Assert.Empty(bobsCart!.Items);
    }

    [Fact]
    public async Task Empty_cart_returns_204_and_the_cart_is_empty_afterwards()
    {
        var userId = CartApp.NewUserId();
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });

        var response = await Client.DeleteAsync($"/api/cart/{userId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");
        Assert.Empty(cart!.Items);
    }

    [Fact]
    public async Task Empty_cart_of_a_user_without_a_cart_is_204()
    {
        var response = await Client.DeleteAsync($"/api/cart/{CartApp.NewUserId()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"productId\":\"OLJCESPC7Z\",\"quantity\":0}", "quantity")]
    [InlineData("{\"productId\":\"OLJCESPC7Z\",\"quantity\":101}", "quantity")]
    [InlineData("{\"productId\":\"OLJCESPC7Z\",\"quantity\":-3}", "quantity")]
    [InlineData("{\"productId\":\"OLJCESPC7Z\"}", "quantity")]
    [InlineData("{\"productId\":\"\",\"quantity\":1}", "productId")]
    [InlineData("{\"productId\":\"   \",\"quantity\":1}", "productId")]
    [InlineData("{\"quantity\":1}", "productId")]
    public async Task Invalid_item_is_a_400_validation_problem_naming_the_field(string body, string field)
    {
        var userId = CartApp.NewUserId();

        var response = await Client.PostAsync($"/api/cart/{userId}/items", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal([field], problem!.Errors.Keys);
        var cart = await Client.GetFromJsonAsync<ShoppingCart>($"/api/cart/{userId}");
        Assert.Empty(cart!.Items);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"productId\":\"OLJCESPC7Z\",\"quantity\":\"many\"}")]
    public async Task Malformed_body_is_a_400_problem(string body)
    {
        var response = await Client.PostAsync($"/api/cart/{CartApp.NewUserId()}/items", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Blank_user_id_is_a_400_validation_problem()
    {
        var response = await Client.GetAsync("/api/cart/%20");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("userId", problem!.Errors.Keys);
    }

    [Fact]
    public async Task Cart_is_stored_as_a_redis_hash_of_product_quantities()
    {
        var userId = CartApp.NewUserId();
        await using var redis = await fixture.App.ConnectRedisAsync();

        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 2 });

        var hash = await redis.GetDatabase().HashGetAllAsync($"cart:{userId}");
        Assert.Equal(new Dictionary<string, string> { ["OLJCESPC7Z"] = "2" }, hash.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString()));
    }

    [Fact]
    public async Task Adding_an_item_sets_the_configured_time_to_live()
    {
        var userId = CartApp.NewUserId();
        await using var redis = await fixture.App.ConnectRedisAsync();

        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"cart:{userId}");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, CartApp.Ttl - TimeSpan.FromMinutes(1), CartApp.Ttl);
    }

    [Fact]
    public async Task Every_write_refreshes_the_time_to_live()
    {
        var userId = CartApp.NewUserId();
        await using var redis = await fixture.App.ConnectRedisAsync();
        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });
        await redis.GetDatabase().KeyExpireAsync($"cart:{userId}", TimeSpan.FromSeconds(30));

        await Client.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId = "OLJCESPC7Z", quantity = 1 });

        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"cart:{userId}");
        Assert.InRange(ttl!.Value, CartApp.Ttl - TimeSpan.FromMinutes(1), CartApp.Ttl);
    }

    [Fact]
    public async Task Health_is_healthy_with_redis_up_and_the_readiness_flag_off()
    {
        var response = await Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
