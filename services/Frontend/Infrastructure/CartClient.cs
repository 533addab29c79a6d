using System.Net.Http.Json;
using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Cart (<c>services:cart:http:0</c>).</summary>
public sealed class CartClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Cart;

    public Task<Cart> GetCartAsync(string userId, CancellationToken ct) =>
        http.SendToServiceAsync<Cart>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, Path(userId)), ct);

    public Task<Cart> AddItemAsync(string userId, string productId, int quantity, CancellationToken ct) =>
        http.SendToServiceAsync<Cart>(ServiceName,
            new HttpRequestMessage(HttpMethod.Post, $"{Path(userId)}/items")
            {
                Content = JsonContent.Create(new CartItem(productId, quantity)),
            }, ct);

    public Task EmptyCartAsync(string userId, CancellationToken ct) =>
        http.SendToServiceAsync(ServiceName,
            new HttpRequestMessage(HttpMethod.Delete, Path(userId)), ct);

    private static string Path(string userId) => $"/api/cart/{Uri.EscapeDataString(userId)}";
}
