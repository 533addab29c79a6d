using System.Net.Http.Json;
using Frontend.Model;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Checkout (<c>services:checkout:http:0</c>).</summary>
public sealed class CheckoutClient(HttpClient http)
{
    public const string ServiceName = "checkout";

    public Task<OrderResult> PlaceOrderAsync(CheckoutRequest request, CancellationToken ct) =>
        DownstreamHttp.SendAsync<OrderResult>(http, ServiceName,
            new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = JsonContent.Create(request) }, ct);
}
