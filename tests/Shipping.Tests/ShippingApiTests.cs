using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Shipping.Tests.Infrastructure;
using Platform.Testing.BadInput;

namespace Platform.Shipping.Tests;

/// <summary>Quote and ship through the real Quote service; <c>intlShippingSlowdown</c> from the real OFREP test server.</summary>
public sealed class ShippingApiTests(ShippingApp app) : IClassFixture<ShippingApp>
{
    private sealed record QuoteDto(decimal Cost, string Currency);

    private sealed record ShipmentDto(string TrackingId, decimal Cost, string Currency);

    private static object Body(int items, string country) =>
        new { itemCount = items, address = new { street = "1 Main St", city = "Springfield", state = "IL", country, zip = "62701" } };

    /// <summary>A first quote, so the timed call that follows pays no start-up (JIT, connections).</summary>
    private async Task WarmUpAsync()
    {
        using var response = await app.Client.PostAsJsonAsync("/api/shipping/quote", Body(1, "US"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_quote_is_the_price_Quote_gives_for_the_item_count()
    {
        using var response = await app.Client.PostAsJsonAsync("/api/shipping/quote", Body(3, "United States"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new QuoteDto(8.99m, "USD"), await response.Content.ReadFromJsonAsync<QuoteDto>());
    }

    [Fact]
    public async Task Shipping_returns_a_fresh_tracking_id_and_the_quoted_cost()
    {
        var first = await (await app.Client.PostAsJsonAsync("/api/shipping/ship", Body(2, "US"))).Content.ReadFromJsonAsync<ShipmentDto>();
        var second = await (await app.Client.PostAsJsonAsync("/api/shipping/ship", Body(2, "US"))).Content.ReadFromJsonAsync<ShipmentDto>();

        Assert.Matches("^PLT-[0-9A-F]{16}$", first!.TrackingId);
        Assert.NotEqual(first.TrackingId, second!.TrackingId);
        Assert.Equal(7.99m, first.Cost);
        Assert.Equal("USD", first.Currency);
    }

    [Fact]
    public async Task The_slowdown_delays_an_international_shipment_by_the_flags_milliseconds()
    {
        app.Flags.Set(FlagKeys.IntlShippingSlowdown, 1500);
        try
        {
            var watch = Stopwatch.StartNew();
            using var response = await app.Client.PostAsJsonAsync("/api/shipping/ship", Body(1, "France"));
            watch.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1500), $"took {watch.Elapsed}");
        }
        finally
        {
            app.Flags.Set(FlagKeys.IntlShippingSlowdown, 0);
        }
    }

    [Theory]
    [InlineData("United States")]
    [InlineData("us")]
    [InlineData(" USA ")]
    public async Task The_slowdown_spares_domestic_shipments(string country)
    {
        // A delay far beyond what a loaded machine adds, so "not delayed" cannot be a slow start.
        await WarmUpAsync();
        app.Flags.Set(FlagKeys.IntlShippingSlowdown, 20_000);
        try
        {
            var watch = Stopwatch.StartNew();
            using var response = await app.Client.PostAsJsonAsync("/api/shipping/ship", Body(1, country));
            watch.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        }
        finally
        {
            app.Flags.Set(FlagKeys.IntlShippingSlowdown, 0);
        }
    }

    [Fact]
    public async Task With_the_flag_off_an_international_shipment_is_not_delayed()
    {
        await WarmUpAsync();
        app.Flags.Set(FlagKeys.IntlShippingSlowdown, 0);

        var watch = Stopwatch.StartNew();
        using var response = await app.Client.PostAsJsonAsync("/api/shipping/ship", Body(1, "Japan"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("/api/shipping/quote")]
    [InlineData("/api/shipping/ship")]
    public async Task An_unreachable_Quote_is_a_503_problem_naming_quote(string path)
    {
        using var response = await app.QuoteDownClient.PostAsJsonAsync(path, Body(1, "US"));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 503 && answer.IsProblem, answer.ToString());
        Assert.Contains("\"service\":\"quote\"", answer.Body);
    }
}
