using Frontend.Model;
using Platform.Contracts;
using Platform.ServiceDefaults.Downstream;

namespace Frontend.Infrastructure;

/// <summary>Typed client of Ad (<c>services:ad:http:0</c>).</summary>
public sealed class AdClient(HttpClient http)
{
    public const string ServiceName = ResourceNames.Ad;

    /// <summary>Ads for <paramref name="contextKeys"/> (comma-separated categories, forwarded as given).</summary>
    public Task<IReadOnlyList<Ad>> GetAdsAsync(string? contextKeys, CancellationToken ct) =>
        http.SendToServiceAsync<IReadOnlyList<Ad>>(ServiceName,
            new HttpRequestMessage(HttpMethod.Get, $"/api/ads?contextKeys={Uri.EscapeDataString(contextKeys ?? "")}"), ct);
}
