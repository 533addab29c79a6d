using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FlagService.Tests;

/// <summary>
/// What the bad-input table asks of every endpoint, for OFREP's two evaluation endpoints: wrong
/// content types, invalid UTF-8 and bodies far beyond a context's size are a 400 in OFREP's error shape
/// (<c>{errorCode, errorDetails}</c>) that says why; the body is not evaluated.
/// </summary>
public class OfrepBadInputTests
{
    public static TheoryData<string, string, byte[], string, string> BadBodies => new()
    {
        // case, content type, body, errorCode, a word of errorDetails
        { "text/plain", "text/plain", """{"context":{"targetingKey":"u1"}}"""u8.ToArray(), "PARSE_ERROR", "application/json" },
        { "a form", "application/x-www-form-urlencoded", "context=u1"u8.ToArray(), "PARSE_ERROR", "application/json" },
        { "invalid UTF-8", "application/json", [.. """{"context":{"targetingKey":"""u8, 0x22, 0xff, 0xfe, 0x22, .. "}}"u8], "PARSE_ERROR", "UTF-8" },
        { "a 1 MB body", "application/json", Encoding.UTF8.GetBytes("{\"context\":{\"targetingKey\":\"" + new string('u', 1024 * 1024) + "\"}}"), "PARSE_ERROR", "KiB" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_with_the_reason_on_both_endpoints(string _, string contentType, byte[] body, string errorCode, string reason)
    {
        await using var host = FlagServiceHost.Start();

        foreach (var uri in new[] { "/ofrep/v1/evaluate/flags/cartFailure", "/ofrep/v1/evaluate/flags" })
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await host.Client.PostAsync(uri, content);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{uri} → {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            var error = JsonNode.Parse(text)!;
            Assert.Equal(errorCode, (string?)error["errorCode"]);
            Assert.Contains(reason, (string?)error["errorDetails"]);
        }
    }

    [Fact]
    public async Task An_empty_body_without_a_content_type_still_evaluates_without_context()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.PostAsync("/ofrep/v1/evaluate/flags/cartFailure", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
