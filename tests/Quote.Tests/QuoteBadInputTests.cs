using System.Text;
using Platform.Testing.BadInput;

namespace Platform.Quote.Tests;

/// <summary>Bad quote requests answer a 4xx problem naming the field.</summary>
public sealed class QuoteBadInputTests(QuoteApp app) : IClassFixture<QuoteApp>
{
    public static TheoryData<string, string, string, int, string> BadQuotes => new()
    {
        // case, body, content type, expected status, field named
        { "missing item count", "{}", "application/json", 400, "itemCount" },
        { "zero items", """{"itemCount":0}""", "application/json", 400, "itemCount" },
        { "negative items", """{"itemCount":-3}""", "application/json", 400, "itemCount" },
        { "too many items", """{"itemCount":10001}""", "application/json", 400, "itemCount" },
        { "items beyond Int32", """{"itemCount":99999999999}""", "application/json", 400, "itemCount" },
        { "fractional items", """{"itemCount":1.5}""", "application/json", 400, "itemCount" },
        { "items as a word", """{"itemCount":"three"}""", "application/json", 400, "itemCount" },
        { "malformed JSON", """{"itemCount":""", "application/json", 400, "itemCount" },
        { "null body", "null", "application/json", 400, "body" },
        { "array body", "[]", "application/json", 400, "body" },
        { "text/plain", """{"itemCount":3}""", "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadQuotes))]
    public async Task A_bad_quote_request_is_a_4xx_problem_naming_the_field(string _, string body, string contentType, int status, string field)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new(contentType);

        using var response = await app.Client.PostAsync("/api/quotes", content);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
    }
}
