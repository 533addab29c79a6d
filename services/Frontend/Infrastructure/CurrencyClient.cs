using System.Net.Http.Json;
using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Currency (<c>services:currency:http:0</c>).</summary>
public sealed class CurrencyClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Currency;

    public Task<CurrencyList> GetCurrenciesAsync(CancellationToken ct) =>
        http.SendToServiceAsync<CurrencyList>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, "/api/currencies"), ct);

    public async Task<Money> ConvertAsync(Money from, string to, CancellationToken ct) =>
        (await http.SendToServiceAsync<ConvertResult>(ServiceName,
            new HttpRequestMessage(HttpMethod.Post, "/api/currencies/convert") { Content = JsonContent.Create(new ConvertRequest(from, to)) }, ct)).Result;
}
