using System.Net.Http.Json;
using Platform.Checkout.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Platform.Checkout.Infrastructure;

/// <summary>
/// Typed client of Currency (<c>services:currency:http:0</c>). An amount already in the target currency
/// is returned as it is, without a call, so an order in the catalogue's currency costs no conversion.
/// </summary>
public sealed class CurrencyClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Currency;

    private sealed record ConversionDto(Money Result, string RatesDate);

    /// <exception cref="DownstreamException">Currency refused (400 naming <c>to</c> for an unsupported code), failed or could not be reached.</exception>
    public async Task<decimal> ConvertAsync(decimal amount, string from, string to, CancellationToken cancellationToken)
    {
        if (string.Equals(from, to, StringComparison.Ordinal)) return amount;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/currencies/convert")
        {
            Content = JsonContent.Create(new { from = new Money(from, amount), to }),
        };
        var answer = await http.SendToServiceAsync<ConversionDto>(ServiceName, request, cancellationToken);
        return answer.Result.Amount;
    }
}
