using System.Net.Http.Json;
using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Checkout (<c>services:checkout:http:0</c>).</summary>
public sealed class CheckoutClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Checkout;

    public Task<OrderResult> PlaceOrderAsync(CheckoutRequest request, CancellationToken ct) =>
        http.SendToServiceAsync<OrderResult>(ServiceName,
            new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = JsonContent.Create(request) }, ct);
}
