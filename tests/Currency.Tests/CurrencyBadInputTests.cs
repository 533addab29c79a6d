using System.Text;
using Platform.Testing.BadInput;

namespace Platform.Currency.Tests;

/// <summary>Bad conversion requests answer a 4xx problem naming the field.</summary>
public sealed class CurrencyBadInputTests(CurrencyApp app) : IClassFixture<CurrencyApp>
{
    public static TheoryData<string, string, string, int, string> BadConversions => new()
    {
        // case, body, content type, expected status, field named
        { "missing from", """{"to":"EUR"}""", "application/json", 400, "from" },
        { "missing to", """{"from":{"currency":"USD","amount":1}}""", "application/json", 400, "to" },
        { "unsupported target", """{"from":{"currency":"USD","amount":1},"to":"XXX"}""", "application/json", 400, "to" },
        { "lower-case source", """{"from":{"currency":"usd","amount":1},"to":"EUR"}""", "application/json", 400, "from.currency" },
        { "source with SQL", """{"from":{"currency":"' OR 1=1 --","amount":1},"to":"EUR"}""", "application/json", 400, "from.currency" },
        { "negative amount", """{"from":{"currency":"USD","amount":-1},"to":"EUR"}""", "application/json", 400, "from.amount" },
        { "amount over the limit", """{"from":{"currency":"USD","amount":1000000000001},"to":"EUR"}""", "application/json", 400, "from.amount" },
        { "amount beyond decimal", """{"from":{"currency":"USD","amount":1e400},"to":"EUR"}""", "application/json", 400, "from.amount" },
        { "amount as a word", """{"from":{"currency":"USD","amount":"ten"},"to":"EUR"}""", "application/json", 400, "from.amount" },
        { "missing amount", """{"from":{"currency":"USD"},"to":"EUR"}""", "application/json", 400, "from.amount" },
        { "to as a number", """{"from":{"currency":"USD","amount":1},"to":978}""", "application/json", 400, "to" },
        { "target of 1 MB", """{"from":{"currency":"USD","amount":1},"to":" """ + new string('X', 1024 * 1024) + "\"}", "application/json", 400, "to" },
        { "null body", "null", "application/json", 400, "body" },
        { "array body", "[]", "application/json", 400, "body" },
        { "deeply nested JSON", """{"from":""" + new string('[', 3000), "application/json", 400, "from" },
        { "text/plain", """{"from":{"currency":"USD","amount":1},"to":"EUR"}""", "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadConversions))]
    public async Task A_bad_conversion_is_a_4xx_problem_naming_the_field(string _, string body, string contentType, int status, string field)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new(contentType);

        using var response = await app.Client.PostAsync("/api/currencies/convert", content);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
    }
}
