using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Checkout.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Infrastructure;

/// <summary>Cart's answer: <c>{ userId, items: [{ productId, quantity }] }</c>.</summary>
public sealed record CartDto(string UserId, IReadOnlyList<CartItemDto> Items);

public sealed record CartItemDto(string ProductId, int Quantity);

/// <summary>The part of a catalogue product Checkout needs.</summary>
public sealed record ProductDto(string Id, string Name, Money Price);

/// <summary>Payment's answer to a charge.</summary>
public sealed record ChargeResult(string TransactionId);

/// <summary>Typed client of Cart (<c>services:cart:http:0</c>).</summary>
public sealed class CartClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Cart;

    public Task<CartDto> GetCartAsync(string userId, CancellationToken cancellationToken) =>
        http.SendToServiceAsync<CartDto>(ServiceName, new HttpRequestMessage(HttpMethod.Get, $"/api/cart/{Uri.EscapeDataString(userId)}"), cancellationToken);

    public Task EmptyCartAsync(string userId, CancellationToken cancellationToken) =>
        http.SendToServiceAsync(ServiceName, new HttpRequestMessage(HttpMethod.Delete, $"/api/cart/{Uri.EscapeDataString(userId)}"), cancellationToken);
}

/// <summary>Typed client of ProductCatalog (<c>services:productcatalog:http:0</c>).</summary>
public sealed class CatalogClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.ProductCatalog;

    /// <summary>The product, or null when the catalogue does not know it (it answered 404).</summary>
    public async Task<ProductDto?> GetProductAsync(string productId, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendToServiceAsync<ProductDto>(ServiceName, new HttpRequestMessage(HttpMethod.Get, $"/api/products/{Uri.EscapeDataString(productId)}"), cancellationToken);
        }
        catch (DownstreamException ex) when (ex.ServiceStatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>
/// Typed client of Payment (<c>services:payment:http:0</c>). POSTs are never retried (the shared
/// resilience handler retries idempotent methods only), so a card is never charged twice by a retry.
/// </summary>
public sealed class PaymentClient(HttpClient http, IOptions<CheckoutOptions> options)
{
    public const string ServiceName = ResourceNames.Payment;

    /// <summary>Charges the card. With <paramref name="unreachable"/> the call goes to <see cref="CheckoutOptions.UnreachablePaymentAddress"/> (the <c>paymentUnreachable</c> flag).</summary>
    public Task<ChargeResult> ChargeAsync(Money amount, CardInput card, bool unreachable, CancellationToken cancellationToken)
    {
        var uri = unreachable ? new Uri(new Uri(options.Value.UnreachablePaymentAddress), "/api/charges") : new Uri("/api/charges", UriKind.Relative);
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new { amount, card = new { card.Number, card.Cvv, card.ExpirationMonth, card.ExpirationYear } }),
        };
        return http.SendToServiceAsync<ChargeResult>(ServiceName, request, cancellationToken);
    }

    /// <summary>Voids a charge (<c>POST /api/charges/{id}/void</c>).</summary>
    public Task VoidAsync(string transactionId, CancellationToken cancellationToken) =>
        http.SendToServiceAsync(ServiceName, new HttpRequestMessage(HttpMethod.Post, $"/api/charges/{Uri.EscapeDataString(transactionId)}/void"), cancellationToken);
}
