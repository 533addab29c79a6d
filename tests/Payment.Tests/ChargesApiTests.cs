using System.Net;
using System.Net.Http.Json;
using Platform.Payment.Infrastructure;
using Platform.Payment.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Payment.Tests;

/// <summary>The HTTP API with <c>paymentFailure</c> unset (FLAG_NOT_FOUND, so the default 0 applies).</summary>
public sealed class ChargesApiTests(PaymentAppFixture app) : IClassFixture<PaymentAppFixture>
{
    private Task<HttpResponseMessage> ChargeAsync(object body) => app.Client.PostAsJsonAsync("/api/charges", body);

    private async Task<string> ChargedTransactionAsync()
    {
        var response = await ChargeAsync(Charges.Body());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChargeResultDto>())!.TransactionId;
    }

    private static async Task<ProblemDto> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
    }

    [Fact]
    public async Task Valid_charge_returns_a_guid_transaction_id()
    {
        var response = await ChargeAsync(Charges.Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ChargeResultDto>();
        Assert.True(Guid.TryParse(result?.TransactionId, out _), result?.TransactionId);
    }

    [Fact]
    public async Task Card_expiring_at_the_end_of_the_current_month_is_accepted()
    {
        var now = DateTime.UtcNow;

        var response = await ChargeAsync(Charges.Body(month: now.Month, year: now.Year));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Card_that_expired_last_month_is_a_validation_problem()
    {
        var lastMonth = DateTime.UtcNow.AddMonths(-1);

        var response = await ChargeAsync(Charges.Body(month: lastMonth.Month, year: lastMonth.Year));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal([$"the card expired at the end of {lastMonth.Month:00}/{lastMonth.Year}"], problem.Errors!["card.expiration"]);
    }

    [Fact]
    public async Task Number_with_spaces_and_dashes_is_accepted()
    {
        var response = await ChargeAsync(Charges.Body(number: "4432-8015 6152-0454"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Number_failing_luhn_is_a_validation_problem_naming_card_number()
    {
        var response = await ChargeAsync(Charges.Body(number: "4111 1111 1111 1112"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["fails the Luhn check"], problem.Errors!["card.number"]);
    }

    [Fact]
    public async Task Validation_problem_names_each_bad_field()
    {
        var response = await ChargeAsync(Charges.Body(number: "1234", cvv: "9", month: 0, amount: 0, currency: "dollars"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(["amount.amount", "amount.currency", "card.cvv", "card.expirationMonth", "card.number"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Missing_card_is_a_validation_problem()
    {
        var response = await ChargeAsync(new { amount = new { currency = "USD", amount = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).Errors!.ContainsKey("card"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await app.Client.PostAsync("/api/charges", new StringContent("{ \"amount\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Successful_charge_is_counted_with_its_amount_and_card_type()
    {
        using var charges = new MeasurementCollector<long>(app.MeterFactory, PaymentTelemetry.MeterName, "app.payment.charges");
        using var amounts = new MeasurementCollector<double>(app.MeterFactory, PaymentTelemetry.MeterName, "app.payment.amount");

        var response = await ChargeAsync(Charges.Body(number: "5555 5555 5555 4444", amount: 123.45m, currency: "EUR"));

        response.EnsureSuccessStatusCode();
        var charge = Assert.Single(charges.Measurements);
        Assert.Equal(1, charge.Value);
        Assert.Equal("mastercard", charge.Tags["app.payment.card_type"]);
        var amount = Assert.Single(amounts.Measurements);
        Assert.Equal(123.45, amount.Value, 6);
        Assert.Equal("EUR", amount.Tags["app.payment.currency"]);
    }

    [Fact]
    public async Task Charge_span_carries_the_card_type_and_last_four_digits_never_the_number()
    {
        using var spans = new ServerSpanCollector();

        var response = await ChargeAsync(Charges.Body(number: "3782-822463-10005", cvv: "1234"));

        var transactionId = (await response.Content.ReadFromJsonAsync<ChargeResultDto>())!.TransactionId;
        var span = await spans.WaitForAsync(a => (a.GetTagItem("app.payment.transaction.id") as string) == transactionId);
        Assert.Equal("amex", span.GetTagItem("app.payment.card_type"));
        Assert.Equal("0005", span.GetTagItem("app.payment.card_last_four"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("378282246310005") == true);
    }

    [Fact]
    public async Task Void_of_a_charge_returns_voided()
    {
        var transactionId = await ChargedTransactionAsync();

        var response = await app.Client.PostAsync($"/api/charges/{transactionId}/void", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new VoidResultDto(transactionId, "voided"), await response.Content.ReadFromJsonAsync<VoidResultDto>());
    }

    [Fact]
    public async Task Second_void_is_a_409_problem()
    {
        var transactionId = await ChargedTransactionAsync();
        (await app.Client.PostAsync($"/api/charges/{transactionId}/void", null)).EnsureSuccessStatusCode();

        var response = await app.Client.PostAsync($"/api/charges/{transactionId}/void", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already voided", (await ProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task Void_of_an_unknown_transaction_is_a_404_problem()
    {
        var response = await app.Client.PostAsync($"/api/charges/{Guid.NewGuid()}/void", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ProblemAsync(response)).Status);
    }
}
