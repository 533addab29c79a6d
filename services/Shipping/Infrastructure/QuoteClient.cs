using System.Net.Http.Json;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;
using Platform.Shipping.Model;

namespace Platform.Shipping.Infrastructure;

/// <summary>Typed client of Quote (<c>services:quote:http:0</c>); timeouts from the shared resilience handler.</summary>
public sealed class QuoteClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Quote;

    /// <summary>Quote's answer: <c>{ itemCount, cost, currency }</c>.</summary>
    private sealed record QuoteDto(int ItemCount, decimal Cost, string Currency);

    /// <summary>The price of shipping <paramref name="itemCount"/> items. POST, so never retried; pricing is pure, so that costs nothing.</summary>
    public async Task<ShippingQuote> GetQuoteAsync(int itemCount, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/quotes") { Content = JsonContent.Create(new { itemCount }) };
        var quote = await http.SendToServiceAsync<QuoteDto>(ServiceName, request, cancellationToken);
        return new ShippingQuote(quote.Cost, quote.Currency);
    }
}
