using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Checkout.Tests.Infrastructure;
using Platform.Contracts;

namespace Platform.Checkout.Tests;

public sealed class CheckoutApiTests(CheckoutApp app) : IClassFixture<CheckoutApp>
{
    private static object Request(string userId, string card = FakePeers.GoodCard, string currency = "USD", string email = "someone@example.com") => new
    {
        userId,
        email,
        currency,
        address = new { street = "1600 Amphitheatre Parkway", city = "Mountain View", state = "CA", country = "United States", zip = "94043" },
        card = new { number = card, cvv = "672", expirationMonth = 1, expirationYear = 2030 },
    };

    [Fact]
    public async Task Successful_checkout_publishes_the_order_and_empties_the_cart()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("OLJCESPC7Z", 2), ("66VCHSJNUP", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var orderId = body.RootElement.GetProperty("orderId").GetString()!;
        Assert.Equal(562.86m, body.RootElement.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(2, body.RootElement.GetProperty("items").GetArrayLength());
        Assert.False(app.Peers.Carts.ContainsKey(userId));
        var message = Assert.Single(app.ReadOrdersTopic(), m => m.Message.Key == orderId);
        var placed = CheckoutApp.Parse(message);
        Assert.Equal(userId, placed.UserId);
        Assert.Equal(562.86m, placed.Total);
        Assert.Equal(8.99m, placed.Shipping.Cost);
        Assert.Equal("94043", placed.Shipping.Address.Zip);
        Assert.Equal(body.RootElement.GetProperty("trackingId").GetString(), placed.Shipping.TrackingId);
        Assert.StartsWith("PLT-", placed.Shipping.TrackingId);
        Assert.Equal(8.99m, body.RootElement.GetProperty("shipping").GetProperty("amount").GetDecimal());
        Assert.Equal(562.86m, Assert.Single(app.Peers.Charges, c => c.Value == 562.86m).Value);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", CheckoutApp.Header(message, "traceparent"));
    }

    [Fact]
    public async Task Payment_failure_is_a_502_and_publishes_nothing()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, FakePeers.FailingCard));

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("Payment failed; you were not charged. Payment request failed. Invalid token. app.loyalty.level=gold", problem.GetProperty("detail").GetString());
        AssertService(problem, "payment", 500);
        Assert.DoesNotContain(app.ReadOrdersTopic(), m => CheckoutApp.Parse(m).UserId == userId);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Card_rejected_by_payment_is_a_400_naming_the_card_field()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, FakePeers.RejectedCard));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("card.number", out _));
    }

    [Fact]
    public async Task Publish_failure_after_the_charge_voids_it_and_answers_503()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 3));

        var response = await app.KafkaDownClient.PostAsJsonAsync("/api/checkout", Request(userId));

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Your order could not be confirmed; the charge was voided. Please try again.", problem.GetProperty("detail").GetString());
        AssertService(problem, "kafka", null);
        var charge = Assert.Single(app.Peers.Charges, c => c.Value == 3 * 109.99m + 5.99m + 3m);
        Assert.Contains(charge.Key, app.Peers.Voided);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Empty_cart_is_a_400()
    {
        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(CheckoutApp.NewUserId()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The cart is empty.", body.RootElement.GetProperty("errors").GetProperty("cart")[0].GetString());
    }

    [Fact]
    public async Task Invalid_request_is_a_400_naming_the_fields_before_any_call()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId, currency: "EURO", email: "nope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.Contains("ISO 4217", errors.GetProperty("currency")[0].GetString());
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task PaymentUnreachable_flag_makes_the_charge_fail_with_503()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));
        app.Flags.Set(FlagKeys.PaymentUnreachable, true);
        HttpResponseMessage response;
        try
        {
            response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));
        }
        finally
        {
            app.Flags.Remove(FlagKeys.PaymentUnreachable);
        }

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The payment service could not be reached; you were not charged. Please try again.", problem.GetProperty("detail").GetString());
        AssertService(problem, "payment", null);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Payment_not_answering_in_time_is_a_504_and_publishes_nothing()
    {
        await using var variant = app.CreateVariant(new Dictionary<string, string>(), services =>
            services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(2))));
        using var client = variant.CreateClient();
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));

        var response = await client.PostAsJsonAsync("/api/checkout", Request(userId, FakePeers.SlowCard));

        var problem = await ProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("The payment service did not answer in time; the order was not placed.", problem.GetProperty("detail").GetString());
        AssertService(problem, "payment", null);
        Assert.DoesNotContain(app.ReadOrdersTopic(), m => CheckoutApp.Parse(m).UserId == userId);
        Assert.True(app.Peers.Carts.ContainsKey(userId));
    }

    [Fact]
    public async Task Cart_answering_an_html_page_is_a_502_before_any_charge()
    {
        var userId = FakePeers.GarbageCartPrefix + CheckoutApp.NewUserId();
        var attemptsBefore = app.Peers.ChargeAttempts.Count;

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));

        var problem = await ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.StartsWith("Your cart could not be read. cart answered 200 with a body that is not", problem.GetProperty("detail").GetString());
        AssertService(problem, "cart", 200);
        Assert.Equal(attemptsBefore, app.Peers.ChargeAttempts.Count);
    }

    [Fact]
    public async Task Cart_rejecting_the_user_id_passes_its_400_and_field_errors_on()
    {
        var userId = FakePeers.RejectedCartPrefix + CheckoutApp.NewUserId();

        var response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The user id holds characters a cart key cannot.", problem.GetProperty("errors").GetProperty("userId")[0].GetString());
        Assert.Equal("Invalid user id", problem.GetProperty("title").GetString());
        AssertService(problem, "cart", 400);
    }

    [Fact]
    public async Task KafkaQueueProblems_publishes_extra_copies_with_the_same_key()
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("1YMWWN1N4O", 1));
        app.Flags.Set(FlagKeys.KafkaQueueProblems, 3);
        HttpResponseMessage response;
        try
        {
            response = await app.Client.PostAsJsonAsync("/api/checkout", Request(userId));
        }
        finally
        {
            app.Flags.Remove(FlagKeys.KafkaQueueProblems);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        Assert.Equal(4, app.ReadOrdersTopic().Count(m => m.Message.Key == orderId));
    }

    /// <summary>The problem names the service that failed, what it answered (absent: no answer) and the trace.</summary>
    private static void AssertService(JsonElement problem, string service, int? serviceStatus)
    {
        Assert.Equal(service, problem.GetProperty("service").GetString());
        Assert.Equal(serviceStatus, problem.TryGetProperty("serviceStatus", out var status) ? status.GetInt32() : null);
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
