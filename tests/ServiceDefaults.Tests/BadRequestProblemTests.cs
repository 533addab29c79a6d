using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceDefaults.Tests.Support;

namespace ServiceDefaults.Tests;

/// <summary>Requests an endpoint cannot bind answer a 4xx validation problem naming the field, in Production too.</summary>
public sealed class BadRequestProblemTests : IAsyncLifetime
{
    private readonly HttpClient _http = TestHttp.Create();
    private WebApplication _app = null!;

    public sealed record Card(string? Number, int ExpirationMonth);

    public sealed record Order(string? ProductId, int? Quantity, long Total, Card? Card, string[]? Tags);

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/orders", (Order order) => TypedResults.Ok(order));
        app.MapPost("/optional", (Order? order) => TypedResults.Ok(order));
        app.MapGet("/pages/{page}", (int page) => TypedResults.Ok(page));
        _app = await TestApps.StartAsync(app);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.ShutDownAsync();
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "malformed JSON", """{ "productId": "A", "quantity": """, "quantity" },
        { "not JSON at all", "hello", "body" },
        { "a string for a number", """{ "productId": "A", "quantity": "two" }""", "quantity" },
        { "a number beyond Int32", """{ "productId": "A", "quantity": 3000000000 }""", "quantity" },
        { "a number beyond Int64", """{ "total": 99999999999999999999999 }""", "total" },
        { "a fraction for a whole number", """{ "quantity": 1.5 }""", "quantity" },
        { "a number for a string", """{ "productId": 42 }""", "productId" },
        { "an object for a string", """{ "card": { "number": { "x": 1 } } }""", "card.number" },
        { "a string for an object", """{ "card": "4432801561520454" }""", "card" },
        { "a wrong type inside an array", """{ "tags": ["a", 1] }""", "tags[1]" },
        { "an array body", "[]", "body" },
        { "a string body", "\"order\"", "body" },
        { "null for a required body", "null", "body" },
        { "an empty body", "", "body" },
        { "deeply nested JSON", new string('[', 10_000) + new string(']', 10_000), "body" },
        { "a trailing comma", """{ "productId": "A", }""", "body" },
        { "two documents", """{ "productId": "A" } { "productId": "B" }""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_that_cannot_be_bound_is_a_400_problem_naming_the_field(string _, string body, string field)
    {
        using var response = await _http.PostAsync(new Uri(_app.Address(), "orders"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_problem()
    {
        var bytes = Encoding.UTF8.GetBytes("""{ "productId": "AB" }""");
        bytes[16] = 0xC3; // a lead byte followed by a letter, not a continuation byte
        bytes[17] = 0x28;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        using var response = await _http.PostAsync(new Uri(_app.Address(), "orders"), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "productId");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_of_another_content_type_is_a_415_problem(string contentType)
    {
        using var response = await _http.PostAsync(new Uri(_app.Address(), "orders"), new StringContent("""{ "productId": "A" }""", Encoding.UTF8, contentType));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_route_value_of_the_wrong_type_is_a_400_problem_naming_the_parameter()
    {
        using var response = await _http.GetAsync(new Uri(_app.Address(), "pages/two"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task Extra_fields_are_ignored()
    {
        using var response = await _http.PostAsync(new Uri(_app.Address(), "orders"),
            new StringContent("""{ "productId": "A", "quantity": 1, "admin": true }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_too_large_for_kestrel_is_a_413_problem()
    {
        await using var app = await StartSmallLimitAppAsync();
        var body = "{ \"productId\": \"" + new string('x', 2048) + "\" }";

        using var response = await _http.PostAsync(new Uri(app.Address(), "orders"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task In_development_a_bad_body_is_a_400_problem_too_not_the_500_of_the_exception_handler()
    {
        // Development throws binding failures by default; the exception handler alone would answer 500.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "servicedefaults-tests" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/orders", (Order order) => TypedResults.Ok(order));
        await app.StartAsync();

        using var response = await _http.PostAsync(new Uri(app.Address(), "orders"), new StringContent("""{ "quantity": "two" }""", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "quantity");
    }

    private static async Task<WebApplication> StartSmallLimitAppAsync()
    {
        var builder = TestApps.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/orders", (Order order) => TypedResults.Ok(order));
        return await TestApps.StartAsync(app);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True((int)status == problem.RootElement.GetProperty("status").GetInt32(), text);
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), text);
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {text}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Matches("^[0-9a-f]{32}$", problem.RootElement.GetProperty("traceId").GetString());
    }
}
