using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Currency.Tests;

/// <summary><c>/api/currencies</c> over the shipped rate table (2026-11-30, base EUR).</summary>
public sealed class CurrenciesApiTests(CurrencyApp app) : IClassFixture<CurrencyApp>
{
    private static object Convert(decimal amount, string from, string to) => new { from = new { currency = from, amount }, to };

    private async Task<JsonElement> ConvertAsync(decimal amount, string from, string to)
    {
        using var response = await app.Client.PostAsJsonAsync("/api/currencies/convert", Convert(amount, from, to));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_list_holds_the_shipped_codes_sorted_with_the_rates_date()
    {
        using var body = JsonDocument.Parse(await app.Client.GetStringAsync("/api/currencies"));

        var codes = body.RootElement.GetProperty("currencies").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(20, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Contains("USD", codes);
        Assert.Contains("EUR", codes);
        Assert.Equal("2026-11-30", body.RootElement.GetProperty("ratesDate").GetString());
        Assert.Equal("EUR", body.RootElement.GetProperty("base").GetString());
    }

    [Theory]
    [InlineData("100", "EUR", "USD", "105.50")]     // × 1.0550
    [InlineData("105.50", "USD", "EUR", "100.00")]  // ÷ 1.0550
    [InlineData("100", "USD", "GBP", "78.96")]      // 100 ÷ 1.0550 × 0.8330 = 78.957…
    [InlineData("19.99", "USD", "JPY", "3054")]     // 19.99 ÷ 1.0550 × 161.20 = 3054.38…, yen have no cents
    [InlineData("0", "USD", "EUR", "0")]
    [InlineData("42.42", "USD", "USD", "42.42")]    // the same currency is unchanged
    public async Task Conversion_goes_through_the_base_and_rounds_to_the_minor_unit(string amount, string from, string to, string expected)
    {
        var body = await ConvertAsync(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), from, to);

        var result = body.GetProperty("result");
        Assert.Equal(to, result.GetProperty("currency").GetString());
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("amount").GetDecimal());
        Assert.Equal("2026-11-30", body.GetProperty("ratesDate").GetString());
    }

    [Fact]
    public async Task Amounts_are_exact_decimals_not_binary_fractions()
    {
        // 0.1 EUR at 1.0550 is 0.1055 → 0.11; a double path gives 0.10550000000000001 and risks the wrong cent elsewhere.
        var body = await ConvertAsync(0.10m, "EUR", "USD");

        Assert.Equal("0.11", body.GetProperty("result").GetProperty("amount").GetRawText());
    }
}
