using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Payment.Infrastructure;
using Platform.Payment.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Payment.Tests;

/// <summary>Flag <c>paymentFailure</c> served by the real OFREP test server of this class; the service's random seed is fixed.</summary>
public sealed class PaymentFailureTests(PaymentAppFixture app) : IClassFixture<PaymentAppFixture>
{
    private async Task<HttpStatusCode[]> ChargeManyAsync(int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await app.Client.PostAsJsonAsync("/api/charges", Charges.Body());
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }

    [Fact]
    public async Task At_100_percent_every_charge_fails_with_a_500_problem()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 1.0);

        var statuses = await ChargeManyAsync(50);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.InternalServerError, s));
    }

    [Fact]
    public async Task Failure_problem_names_the_flag_and_its_rate()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 0.5);
        HttpResponseMessage response;
        var attempts = 0;
        do
        {
            response = await app.Client.PostAsJsonAsync("/api/charges", Charges.Body());
        }
        while (response.StatusCode == HttpStatusCode.OK && ++attempts < 100);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Equal("Payment failed: simulated failure (paymentFailure=0.5)", problem?.Detail);
    }

    [Fact]
    public async Task At_0_percent_no_charge_fails()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 0.0);

        var statuses = await ChargeManyAsync(50);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task At_50_percent_about_half_of_300_charges_fail()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 0.5);

        var statuses = await ChargeManyAsync(300);

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.InternalServerError), 110, 190);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.InternalServerError }));
    }

    [Fact]
    public async Task Failure_is_counted_and_recorded_as_an_error_span()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 1.0);
        using var failures = new MeasurementCollector<long>(app.MeterFactory, PaymentTelemetry.MeterName, "app.payment.failures");
        using var charges = new MeasurementCollector<long>(app.MeterFactory, PaymentTelemetry.MeterName, "app.payment.charges");
        using var spans = new ServerSpanCollector();

        using var response = await app.Client.PostAsJsonAsync("/api/charges", Charges.Body(number: "5555555555554444"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Single(failures.Measurements);
        Assert.Equal("mastercard", failure.Tags["app.payment.card_type"]);
        Assert.Empty(charges.Measurements);
        var span = await spans.WaitForAsync(a => a.GetTagItem("app.payment.charged") is false && a.GetTagItem("app.payment.card_type") as string == "mastercard");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task Invalid_card_is_a_400_even_at_100_percent()
    {
        app.Flags.Set(FlagKeys.PaymentFailure, 1.0);

        var response = await app.Client.PostAsJsonAsync("/api/charges", Charges.Body(number: "4111111111111112"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
