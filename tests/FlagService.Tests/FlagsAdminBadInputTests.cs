using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FlagService.Infrastructure;
using Microsoft.Extensions.Options;

namespace FlagService.Tests;

/// <summary>
/// The admin API checks the token before anything else, and answers bad bodies, unknown flags and
/// unknown variants with a 4xx problem naming the field; the flag file is never touched by a refused change.
/// </summary>
public class FlagsAdminBadInputTests
{
    public static TheoryData<string, string, string, int, string> BadBodies => new()
    {
        // case, body, content type, expected status, field named
        { "malformed JSON", """{"defaultVariant":""", "application/json", 400, "defaultVariant" },
        { "variant as a number", """{"defaultVariant":5}""", "application/json", 400, "defaultVariant" },
        { "variant as an object", """{"defaultVariant":{"on":true}}""", "application/json", 400, "defaultVariant" },
        { "missing variant", """{"variant":"on"}""", "application/json", 400, "defaultVariant" },
        { "null body", "null", "application/json", 400, "defaultVariant" },
        { "array body", "[]", "application/json", 400, "body" },
        { "deeply nested JSON", new string('[', 3000), "application/json", 400, "body" },
        { "a variant that does not exist", """{"defaultVariant":"' OR 1=1 --"}""", "application/json", 400, "defaultVariant" },
        { "text/plain", """{"defaultVariant":"on"}""", "text/plain", 415, "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_with_the_token_is_a_4xx_problem_naming_the_field_and_changes_nothing(string _, string body, string contentType, int status, string field)
    {
        await using var host = FlagServiceHost.Start();
        var before = await File.ReadAllTextAsync(host.FlagFile);

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/cartFailure", new StringContent(body, Encoding.UTF8, contentType)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
        Assert.Equal(before, await File.ReadAllTextAsync(host.FlagFile));
    }

    [Fact]
    public async Task A_bad_body_without_the_token_is_401_before_anything_is_read()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.PutAsync("/api/flags/cartFailure", new StringContent("{ broken", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_unknown_flag_is_a_404_problem_naming_it()
    {
        await using var host = FlagServiceHost.Start();

        using var response = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/noSuchFlag", JsonContent.Create(new { defaultVariant = "on" })));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'noSuchFlag'", (string?)problem!["errors"]!["key"]![0]);
    }

    [Theory]
    [InlineData("test-admin-token-7f3")]        // a prefix
    [InlineData("test-admin-token-7f3a0")]      // one character more
    [InlineData("test-admin-token-7f3b")]       // the last character differs
    [InlineData("TEST-ADMIN-TOKEN-7F3A")]       // case differs
    [InlineData("x")]
    public void Only_the_exact_token_is_allowed(string presented)
    {
        // Both sides are hashed (SHA-256) and compared with CryptographicOperations.FixedTimeEquals, so a
        // prefix or a near miss takes as long to refuse as anything else; here: each is refused.
        var authorization = new AdminAuthorization(new StaticMonitor(new FlagsOptions { AdminToken = FlagServiceHost.AdminToken }));

        Assert.Equal(AdminCheck.Denied, authorization.Check(presented));
        Assert.Equal(AdminCheck.Allowed, authorization.Check(FlagServiceHost.AdminToken));
    }

    [Fact]
    public async Task The_exact_token_is_accepted_with_any_case_of_the_bearer_scheme()
    {
        await using var host = FlagServiceHost.Start();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/flags/cartFailure") { Content = JsonContent.Create(new { defaultVariant = "on" }) };
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + FlagServiceHost.AdminToken);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class StaticMonitor(FlagsOptions value) : IOptionsMonitor<FlagsOptions>
    {
        public FlagsOptions CurrentValue => value;

        public FlagsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<FlagsOptions, string?> listener) => null;
    }
}
