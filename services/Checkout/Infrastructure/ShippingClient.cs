using System.Net.Http.Json;
using Platform.Checkout.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Infrastructure;

/// <summary>Shipping's answer to a quote, in the catalogue's currency.</summary>
public sealed record ShippingQuoteDto(decimal Cost, string Currency);

/// <summary>Shipping's answer to a shipment.</summary>
public sealed record ShipmentDto(string TrackingId, decimal Cost, string Currency);

/// <summary>
/// Typed client of Shipping (<c>services:shipping:http:0</c>). Registered with a 30 s budget instead of
/// the default 10 s attempt: <c>intlShippingSlowdown</c> makes an international shipment take up to 10 s
/// on purpose, and that incident should show as slow checkouts, not as timeouts.
/// </summary>
public sealed class ShippingClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Shipping;

    public Task<ShippingQuoteDto> QuoteAsync(int itemCount, AddressInput address, CancellationToken cancellationToken) =>
        http.SendToServiceAsync<ShippingQuoteDto>(ServiceName, Post("/api/shipping/quote", itemCount, address), cancellationToken);

    public Task<ShipmentDto> ShipAsync(int itemCount, AddressInput address, CancellationToken cancellationToken) =>
        http.SendToServiceAsync<ShipmentDto>(ServiceName, Post("/api/shipping/ship", itemCount, address), cancellationToken);

    private static HttpRequestMessage Post(string path, int itemCount, AddressInput address) => new(HttpMethod.Post, path)
    {
        Content = JsonContent.Create(new { itemCount, address = new { address.Street, address.City, address.State, address.Country, address.Zip } }),
    };
}
