using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Payment.Infrastructure;
using Platform.Payment.Tests.Infrastructure;
using Platform.Testing.BadInput;

namespace Platform.Payment.Tests;

/// <summary>Bad charge requests answer a 4xx problem naming the field and store no charge.</summary>
public sealed class ChargeBadInputTests(PaymentAppFixture app) : IClassFixture<PaymentAppFixture>
{
    private const string Card = """{"number":"4432801561520454","cvv":"672","expirationMonth":1,"expirationYear":2039}""";

    public static TheoryData<string, string, string, int, string> BadCharges => new()
    {
        // case, body, content type, expected status, field named
        { "malformed JSON", """{"amount":{"currency":"USD","amount":""", "application/json", 400, "amount.amount" },
        { "amount as a word", """{"amount":{"currency":"USD","amount":"ten"},"card":""" + Card + "}", "application/json", 400, "amount.amount" },
        { "amount beyond decimal", """{"amount":{"currency":"USD","amount":1e400},"card":""" + Card + "}", "application/json", 400, "amount.amount" },
        { "amount beyond Int64", """{"amount":{"currency":"USD","amount":99999999999999999999999999999999},"card":""" + Card + "}", "application/json", 400, "amount.amount" },
        { "negative amount", """{"amount":{"currency":"USD","amount":-5},"card":""" + Card + "}", "application/json", 400, "amount.amount" },
        { "zero amount", """{"amount":{"currency":"USD","amount":0},"card":""" + Card + "}", "application/json", 400, "amount.amount" },
        { "card as a string", """{"amount":{"currency":"USD","amount":10},"card":"4432801561520454"}""", "application/json", 400, "card" },
        { "card number as a bare number", """{"amount":{"currency":"USD","amount":10},"card":{"number":4432801561520454}}""", "application/json", 400, "card.number" },
        { "expiration month as a word", """{"amount":{"currency":"USD","amount":10},"card":{"expirationMonth":"jan"}}""", "application/json", 400, "card.expirationMonth" },
        { "missing card", """{"amount":{"currency":"USD","amount":10}}""", "application/json", 400, "card" },
        { "missing amount", """{"card":""" + Card + "}", "application/json", 400, "amount" },
        { "card number with SQL", """{"amount":{"currency":"USD","amount":10},"card":{"number":"' OR 1=1 --","cvv":"672","expirationMonth":1,"expirationYear":2039}}""", "application/json", 400, "card.number" },
        { "card number of 1 MB", """{"amount":{"currency":"USD","amount":10},"card":{"number":" """ + new string('4', 1024 * 1024) + "\"}}", "application/json", 400, "card.number" },
        { "null body", "null", "application/json", 400, "body" },
        { "array body", "[]", "application/json", 400, "body" },
        { "deeply nested JSON", """{"amount":""" + new string('[', 3000), "application/json", 400, "amount" },
        { "text/plain", """{"amount":{"currency":"USD","amount":10},"card":""" + Card + "}", "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadCharges))]
    public async Task A_bad_charge_is_a_4xx_problem_naming_the_field_and_charges_nothing(string _, string body, string contentType, int status, string field)
    {
        var store = app.Services.GetRequiredService<ChargeStore>();
        var before = store.Count;

        using var response = await app.Client.PostAsync("/api/charges", Content(Encoding.UTF8.GetBytes(body), contentType));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        Assert.Equal(before, store.Count);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Voiding_an_unknown_or_hostile_id_is_a_404_problem(string transactionId)
    {
        using var response = await app.Client.PostAsync($"/api/charges/{Uri.EscapeDataString(transactionId)}/void", null);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 404 && answer.IsProblem, answer.ToString());
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return content;
    }
}
