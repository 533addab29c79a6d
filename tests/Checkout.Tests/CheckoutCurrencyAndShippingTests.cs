using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Checkout.Tests.Infrastructure;

namespace Platform.Checkout.Tests;

/// <summary>The currency, shipping quote and ship steps, against the HTTP peers of <see cref="FakePeers"/> (USD → EUR at 0.5).</summary>
public sealed class CheckoutCurrencyAndShippingTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static object Request(string userId, string? currency, string country = "United States") => new
    {
        userId,
        email = "someone@example.com",
        currency,
        address = new { street = "1 Main St", city = "Springfield", state = "IL", country, zip = "62701" },
        card = new { number = FakePeers.GoodCard, cvv = "672", expirationMonth = 1, expirationYear = 2030 },
    };

    [Fact]
    public async Task An_order_in_euros_converts_prices_and_shipping_and_charges_euros()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("OLJCESPC7Z", 2), ("66VCHSJNUP", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, "eur"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // 101.96 → 50.98 (×2), 349.95 → 174.98 (half away from zero), shipping 8.99 → 4.50.
        Assert.Equal("EUR", body.RootElement.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal(50.98m * 2 + 174.98m + 4.50m, body.RootElement.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(4.50m, body.RootElement.GetProperty("shipping").GetProperty("amount").GetDecimal());
        var orderId = body.RootElement.GetProperty("orderId").GetString();
        var placed = CheckoutApp.Parse(Assert.Single(app.ReadOrdersTopic(), m => m.Message.Key == orderId));
        Assert.Equal("EUR", placed.Currency);
        Assert.Equal(50.98m, placed.Items.Single(i => i.ProductId == "OLJCESPC7Z").UnitPrice);
        Assert.Contains(app.Peers.Charges, c => c.Value == 281.44m);
    }

    [Fact]
    public async Task A_currency_Currency_does_not_support_is_a_400_on_currency_and_charges_nothing()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));
        var chargesBefore = app.Peers.ChargeAttempts.Count;

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, "XYZ"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("XYZ is not a supported currency", body.RootElement.GetProperty("errors").GetProperty("currency")[0].GetString());
        Assert.Equal(chargesBefore, app.Peers.ChargeAttempts.Count);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Without_a_currency_the_order_is_in_dollars_and_ships()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, currency: null, country: "Japan"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("USD", body.RootElement.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal(109.99m + 6.99m, body.RootElement.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.StartsWith("PLT-", body.RootElement.GetProperty("trackingId").GetString());
        Assert.Contains("Japan", app.Peers.Shipments);
    }

    [Fact]
    public async Task A_failed_shipping_quote_is_a_503_naming_shipping_before_any_charge()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));
        var chargesBefore = app.Peers.ChargeAttempts.Count;

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, "USD", FakePeers.FailingCountry));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("shipping", body.RootElement.GetProperty("service").GetString());
        Assert.Equal(chargesBefore, app.Peers.ChargeAttempts.Count);
    }

    [Fact]
    public async Task The_confirmation_is_the_last_step_and_its_failure_does_not_fail_the_order()
    {
        var ok = CheckoutApp.NewUserId();
        var bounced = CheckoutApp.NewUserId();
        app.FillCart(ok, ("1YMWWN1N4O", 1));
        app.FillCart(bounced, ("1YMWWN1N4O", 1));

        var first = await app.Client.PostAsJsonAsync("/api/checkout", Request(ok, "USD"));
        var second = await app.Client.PostAsJsonAsync("/api/checkout", new
        {
            userId = bounced, email = FakePeers.FailingEmail, currency = "USD",
            address = new { street = "1 Main St", city = "Springfield", state = "IL", country = "US", zip = "62701" },
            card = new { number = FakePeers.GoodCard, cvv = "672", expirationMonth = 1, expirationYear = 2030 },
        });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("orderId").GetString(), app.Peers.Confirmations);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var paid = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var orderId = paid.RootElement.GetProperty("orderId").GetString();
        Assert.DoesNotContain(orderId, app.Peers.Confirmations);
        Assert.Single(app.ReadOrdersTopic(), m => m.Message.Key == orderId);
        Assert.False(app.Peers.Carts.ContainsKey(bounced));
    }
}
