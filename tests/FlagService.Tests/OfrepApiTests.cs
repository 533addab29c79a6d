using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace FlagService.Tests;

public class OfrepApiTests
{
    private const string Flags = """
        {
          "$schema": "https://flagd.dev/schema/v0/flags.json",
          "metadata": { "flagSetId": "shop" },
          "flags": {
            "enabledFlag": { "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on", "metadata": {"owner": "sre"} },
            "rate": { "state": "ENABLED", "variants": {"half": 0.5, "none": 0}, "defaultVariant": "half" },
            "count": { "state": "ENABLED", "variants": {"on": 100, "off": 0}, "defaultVariant": "on" },
            "color": { "state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red",
                       "targeting": { "if": [ {"==": [{"var": "plan"}, "gold"]}, "blue", null ] } },
            "config": { "state": "ENABLED", "variants": {"small": {"size": 1}, "large": {"size": 9}}, "defaultVariant": "large" },
            "offFlag": { "state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off" },
            "broken": { "state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": { "$ref": "noSuchEvaluator" } }
          }
        }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(FlagServiceHost host, string uri, string body)
    {
        using var response = await host.Client.PostAsync(uri, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : (JsonObject)JsonNode.Parse(text)!);
    }

    [Theory]
    [InlineData("enabledFlag", "true", "on")]
    [InlineData("rate", "0.5", "half")]
    [InlineData("count", "100", "on")]
    [InlineData("config", """{"size":9}""", "large")]
    public async Task A_flag_evaluates_to_its_typed_value(string key, string value, string variant)
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, $"/ofrep/v1/evaluate/flags/{key}", """{"context":{"targetingKey":"u1"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(key, (string?)body["key"]);
        Assert.Equal(value, body["value"]!.ToJsonString());
        Assert.Equal(variant, (string?)body["variant"]);
        Assert.Equal("STATIC", (string?)body["reason"]);
    }

    [Fact]
    public async Task Metadata_of_the_flag_set_and_the_flag_is_returned()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (_, body) = await Post(host, "/ofrep/v1/evaluate/flags/enabledFlag", "{}");

        Assert.Equal("""{"flagSetId":"shop","owner":"sre"}""", body["metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task Targeting_uses_the_request_context()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (_, gold) = await Post(host, "/ofrep/v1/evaluate/flags/color", """{"context":{"targetingKey":"u1","plan":"gold"}}""");
        var (_, basic) = await Post(host, "/ofrep/v1/evaluate/flags/color", """{"context":{"targetingKey":"u1","plan":"basic"}}""");

        Assert.Equal(("\"#00f\"", "blue", "TARGETING_MATCH"), (gold["value"]!.ToJsonString(), (string?)gold["variant"], (string?)gold["reason"]));
        Assert.Equal(("\"#f00\"", "red", "DEFAULT"), (basic["value"]!.ToJsonString(), (string?)basic["variant"], (string?)basic["reason"]));
    }

    [Fact]
    public async Task An_unknown_flag_is_404_flag_not_found()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, "/ofrep/v1/evaluate/flags/nope", "{}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(("nope", "FLAG_NOT_FOUND"), ((string?)body["key"], (string?)body["errorCode"]));
        Assert.False(string.IsNullOrEmpty((string?)body["errorDetails"]));
    }

    [Fact]
    public async Task A_disabled_flag_reports_reason_disabled()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, "/ofrep/v1/evaluate/flags/offFlag", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("DISABLED", "false"), ((string?)body["reason"], body["value"]!.ToJsonString()));
    }

    [Theory]
    [InlineData("{ not json", "PARSE_ERROR")]
    [InlineData("""{"context": 5}""", "INVALID_CONTEXT")]
    [InlineData("""{"context": {"targetingKey": 42}}""", "INVALID_CONTEXT")]
    [InlineData("""{"context": "' OR 1=1 --"}""", "INVALID_CONTEXT")]
    [InlineData("""{"context": []}""", "INVALID_CONTEXT")]
    [InlineData("[]", "INVALID_CONTEXT")]
    [InlineData("42", "INVALID_CONTEXT")]
    [InlineData("""{"context": {"targetingKey": ["u1"]}}""", "INVALID_CONTEXT")]
    [InlineData("""{"context": {"targetingKey": "u1"}""", "PARSE_ERROR")]
    [InlineData("""{"context": {"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}""", "PARSE_ERROR")]
    public async Task A_bad_request_is_400_with_an_error_code(string requestBody, string errorCode)
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, "/ofrep/v1/evaluate/flags/enabledFlag", requestBody);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("enabledFlag", errorCode), ((string?)body["key"], (string?)body["errorCode"]));
        Assert.False(string.IsNullOrEmpty((string?)body["errorDetails"]));
    }

    [Fact]
    public async Task A_rule_that_cannot_run_is_400_parse_error()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, "/ofrep/v1/evaluate/flags/broken", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PARSE_ERROR", (string?)body["errorCode"]);
    }

    [Fact]
    public async Task Bulk_evaluation_returns_every_flag_with_successes_and_failures()
    {
        await using var host = FlagServiceHost.Start(Flags);

        var (status, body) = await Post(host, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u1","plan":"gold"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var flags = body["flags"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => (string)f["key"]!);
        Assert.Equal(["enabledFlag", "rate", "count", "color", "config", "offFlag", "broken"], flags.Keys);
        Assert.Equal("blue", (string?)flags["color"]["variant"]);
        Assert.Equal("100", flags["count"]["value"]!.ToJsonString());
        Assert.Equal("PARSE_ERROR", (string?)flags["broken"]["errorCode"]);
    }

    [Fact]
    public async Task Bulk_evaluation_answers_304_when_the_etag_matches()
    {
        await using var host = FlagServiceHost.Start(Flags);
        using var first = await host.Client.PostAsync("/ofrep/v1/evaluate/flags", Json("""{"context":{"targetingKey":"u1"}}"""));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags") { Content = Json("""{"context":{"targetingKey":"u1"}}""") };
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bulk_evaluation_etag_changes_when_a_flag_changes()
    {
        await using var host = FlagServiceHost.Start(Flags);
        using var before = await host.Client.PostAsync("/ofrep/v1/evaluate/flags", Json("{}"));

        using var put = await host.Client.SendAsync(host.Authorized(HttpMethod.Put, "/api/flags/rate", JsonContent.Create(new { defaultVariant = "none" })));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags") { Content = Json("{}") };
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }
}
