using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests.Support;

/// <summary>The storefront's public JSON API (<c>/api</c>), as the load generator and scripts call it.</summary>
public sealed class ShopApi(HttpClient http) : IDisposable
{
    /// <summary>Products the tests buy (from services/ProductCatalog/products.json).</summary>
    public const string Telescope = "66VCHSJNUP";
    public const string OtherProduct = "1YMWWN1N4O";

    /// <summary>The client itself, for requests the shop's happy path does not make.</summary>
    public HttpClient Http => http;

    public async Task AddToCartAsync(string userId, string productId, int quantity)
    {
        using var response = await PostItemAsync(userId, productId, quantity);
        Assert.True(response.IsSuccessStatusCode, $"add to cart → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Adds an item and hands back the answer, whatever it is.</summary>
    public Task<HttpResponseMessage> PostItemAsync(string userId, string productId, int quantity) =>
        http.PostAsJsonAsync($"/api/cart/{userId}/items", new { productId, quantity });

    public async Task<JsonElement> GetCartAsync(string userId) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/cart/{userId}");

    /// <summary>Checks the cart out, shipped to <paramref name="address"/> (an address in the US unless given).</summary>
    public async Task<HttpResponseMessage> CheckoutAsync(string userId, string currency = "USD", object? address = null) =>
        await http.PostAsJsonAsync("/api/checkout", new
        {
            userId,
            email = "ada@example.com",
            currency,
            address = address ?? new { street = "1 Observatory Road", city = "Flagstaff", state = "AZ", country = "US", zip = "86001" },
            card = new { number = "4432-8015-6152-0454", cvv = "672", expirationMonth = 1, expirationYear = DateTime.UtcNow.Year + 3 },
        });

    public void Dispose() => http.Dispose();
}
