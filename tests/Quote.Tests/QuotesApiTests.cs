using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Quote.Tests;

/// <summary><c>POST /api/quotes</c>: base cost + cost per item, exact to the cent.</summary>
public sealed class QuotesApiTests(QuoteApp app) : IClassFixture<QuoteApp>
{
    private sealed record QuoteDto(int ItemCount, decimal Cost, string Currency);

    [Theory]
    [InlineData(1, "6.99")]
    [InlineData(3, "8.99")]
    [InlineData(10, "15.99")]
    [InlineData(10_000, "10005.99")]
    public async Task The_default_formula_is_5_99_plus_1_00_per_item(int items, string expected)
    {
        using var response = await app.Client.PostAsJsonAsync("/api/quotes", new { itemCount = items });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var quote = await response.Content.ReadFromJsonAsync<QuoteDto>();
        Assert.Equal(new QuoteDto(items, decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), "USD"), quote);
    }

    [Fact]
    public async Task The_same_count_always_gets_the_same_price()
    {
        var first = await app.Client.PostAsJsonAsync("/api/quotes", new { itemCount = 7 });
        var second = await app.Client.PostAsJsonAsync("/api/quotes", new { itemCount = 7 });

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cents_do_not_drift_where_binary_floating_point_would()
    {
        // 0.10 + 0.20 × 3 is 0.7000000000000001 in double; the quote must say 0.70 exactly.
        await using var factory = QuoteApp.WithFormula("0.10", "0.20");
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/quotes", new { itemCount = 3 });

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("0.70", body.RootElement.GetProperty("cost").GetRawText());
    }
}
