using System.Text;
using System.Text.Json;
using Platform.Checkout.Tests.Infrastructure;
using Platform.Testing.BadInput;
using Xunit.Abstractions;

namespace Platform.Checkout.Tests;

/// <summary>
/// Bad checkout requests answer a 4xx problem naming the field, charge nothing (or void what was
/// charged) and leave the cart as it was; a seeded fuzz pass over the body never gets a 5xx.
/// </summary>
public sealed class CheckoutBadInputTests(CheckoutApp app, ITestOutputHelper output) : IClassFixture<CheckoutApp>
{
    private static string ValidBody(string userId) => JsonSerializer.Serialize(new
    {
        userId,
        email = "someone@example.com",
        currency = "USD",
        address = new { street = "1600 Amphitheatre Parkway", city = "Mountain View", state = "CA", country = "United States", zip = "94043" },
        card = new { number = FakePeers.GoodCard, cvv = "672", expirationMonth = 1, expirationYear = 2030 },
    });

    public static TheoryData<string, string, string, int, string> BadBodies => new()
    {
        // case, body ({user} is replaced by the test's user id), content type, expected status, field named
        { "malformed JSON", """{"userId":"{user}","email":""", "application/json", 400, "email" },
        { "card number as a bare number", """{"userId":"{user}","card":{"number":4432801561520454}}""", "application/json", 400, "card.number" },
        { "card as a string", """{"userId":"{user}","card":"4432801561520454"}""", "application/json", 400, "card" },
        { "expiration month as a word", """{"userId":"{user}","card":{"expirationMonth":"one"}}""", "application/json", 400, "card.expirationMonth" },
        { "expiration year beyond Int64", """{"userId":"{user}","card":{"expirationYear":99999999999999999999999}}""", "application/json", 400, "card.expirationYear" },
        { "address as an array", """{"userId":"{user}","address":[]}""", "application/json", 400, "address" },
        { "missing card", """{"userId":"{user}","email":"someone@example.com","currency":"USD","address":{"street":"s","city":"c","state":"s","country":"c","zip":"1"}}""", "application/json", 400, "card" },
        { "missing email", """{"userId":"{user}"}""", "application/json", 400, "email" },
        { "an e-mail with a script", """{"userId":"{user}","email":"<script>alert(1)</script>@x.io"}""", "application/json", 400, "email" },
        { "another currency", """{"userId":"{user}","currency":"US Dollars"}""", "application/json", 400, "currency" },
        { "null body", "null", "application/json", 400, "body" },
        { "array body", "[]", "application/json", 400, "body" },
        { "empty body", "", "application/json", 400, "body" },
        { "deeply nested JSON", """{"userId":"{user}","address":""" + new string('[', 3000), "application/json", 400, "address" },
        { "a user id of 1 MB", """{"userId":"{user}""" + new string('u', 1024 * 1024) + "\"}", "application/json", 400, "userId" },
        { "a street of 1 MB", """{"userId":"{user}","address":{"street":" """ + new string('s', 1024 * 1024) + "\"}}", "application/json", 400, "address.street" },
        { "text/plain", """{"userId":"{user}"}""", "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_checkout_is_a_4xx_problem_naming_the_field_and_charges_nothing(string _, string body, string contentType, int status, string field)
    {
        var userId = CheckoutApp.NewUserId();
        app.FillCart(userId, ("OLJCESPC7Z", 1));
        var charges = app.Peers.Charges.Count;

        using var response = await app.Client.PostAsync("/api/checkout", Content(Encoding.UTF8.GetBytes(body.Replace("{user}", userId)), contentType));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == status && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        Assert.Equal(charges, app.Peers.Charges.Count);
        Assert.Equal([("OLJCESPC7Z", 1)], app.Peers.Carts[userId]);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_problem()
    {
        var userId = CheckoutApp.NewUserId();
        var bytes = Encoding.UTF8.GetBytes(ValidBody(userId));
        var at = Encoding.UTF8.GetBytes(ValidBody(userId)).AsSpan().IndexOf("Mountain"u8);
        bytes[at] = 0xFF;

        using var response = await app.Client.PostAsync("/api/checkout", Content(bytes, "application/json"));

        var answer = await ProblemAnswer.ReadAsync(response);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains("address.city", answer.ErrorFields);
    }

    [Fact]
    public async Task Seeded_fuzz_of_the_checkout_body_never_gets_a_5xx_nor_a_charge_left_unvoided()
    {
        var seed = JsonMutator.SeedFromEnvironment();
        output.WriteLine($"FUZZ_SEED={seed}");
        var userId = CheckoutApp.NewUserId();
        var mutator = new JsonMutator(ValidBody(userId), seed);

        for (var i = 0; i < 300; i++)
        {
            app.FillCart(userId, ("OLJCESPC7Z", 1));
            var charged = app.Peers.Charges.Count - app.Peers.Voided.Count;
            var (body, description) = mutator.Next();

            using var response = await app.Client.PostAsync("/api/checkout", Content(body, "application/json"));

            var answer = await ProblemAnswer.ReadAsync(response);
            var context = $"FUZZ_SEED={seed} case {i} ({description}): {answer}";
            Assert.True(answer.Status < 500, context);
            if (answer.Status >= 400)
            {
                Assert.True(answer.IsProblem && answer.ErrorFields.Count > 0, context);
                Assert.True(charged == app.Peers.Charges.Count - app.Peers.Voided.Count, context);
            }
        }
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return content;
    }
}
