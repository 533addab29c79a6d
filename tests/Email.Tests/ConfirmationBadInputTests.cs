using System.Text;
using System.Text.Json;
using Platform.Testing.BadInput;

namespace Platform.Email.Tests;

/// <summary>Bad confirmation requests answer a 4xx problem naming the field.</summary>
[Collection(EmailApp.Collection)]
public sealed class ConfirmationBadInputTests(EmailApp app) : IClassFixture<EmailApp>
{
    private static string Valid() => JsonSerializer.Serialize(EmailApp.Order(), JsonSerializerOptions.Web);

    private static string With(string property, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Valid())!.AsObject();
        node[property] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return node.ToJsonString();
    }

    public static TheoryData<string, string, string, int, string> BadConfirmations => new()
    {
        // case, body, content type, expected status, field named
        { "bad e-mail", With("email", "\"not-an-email\""), "application/json", 400, "email" },
        { "missing order id", With("orderId", "null"), "application/json", 400, "orderId" },
        { "no items", With("items", "[]"), "application/json", 400, "items" },
        { "zero quantity", With("items", """[{"productId":"A","quantity":0,"price":{"currency":"USD","amount":1}}]"""), "application/json", 400, "items[0].quantity" },
        { "null line", With("items", "[null]"), "application/json", 400, "items[0]" },
        { "lower-case currency", With("total", """{"currency":"usd","amount":1}"""), "application/json", 400, "total.currency" },
        { "negative total", With("total", """{"currency":"USD","amount":-1}"""), "application/json", 400, "total.amount" },
        { "total as a word", With("total", """{"currency":"USD","amount":"ten"}"""), "application/json", 400, "total.amount" },
        { "missing address", With("address", "null"), "application/json", 400, "address" },
        { "tracking id of 1 MB", With("trackingId", "\"" + new string('x', 1024 * 1024) + "\""), "application/json", 400, "trackingId" },
        { "null body", "null", "application/json", 400, "body" },
        { "array body", "[]", "application/json", 400, "body" },
        { "text/plain", Valid(), "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadConfirmations))]
    public async Task A_bad_confirmation_is_a_4xx_problem_naming_the_field(string _, string body, string contentType, int status, string field)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new(contentType);

        using var response = await app.Client.PostAsync("/api/confirmations", content);

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
    }
}
