using System.Text.Json.Nodes;
using FlagService.Evaluation;
using FlagService.Infrastructure;
using FlagService.Model;

namespace FlagService.Tests;

public class FlagEvaluationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static EvaluationResult Evaluate(string flagsJson, string key, string context = "{}") =>
        FlagEvaluator.Evaluate(FlagFileParser.Parse(flagsJson), key, (JsonObject)JsonNode.Parse(context)!, Now);

    private const string Targeted = """
        {
          "$evaluators": {
            "isStaff": { "ends_with": [ {"var": "email"}, "@example.com" ] }
          },
          "flags": {
            "static": { "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on" },
            "disabled": { "state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off" },
            "staffOnly": {
              "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
              "targeting": { "if": [ {"$ref": "isStaff"}, "on", null ] }
            },
            "staffColor": {
              "state": "ENABLED", "variants": {"red": "#f00", "blue": "#00f"}, "defaultVariant": "red",
              "targeting": { "if": [ {"$ref": "isStaff"}, "blue" ] }
            },
            "badResult": {
              "state": "ENABLED", "variants": {"a": 1, "b": 2}, "defaultVariant": "a",
              "targeting": { "cat": ["no-such-", "variant"] }
            },
            "unknownRef": {
              "state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a",
              "targeting": { "if": [ {"$ref": "nonexistent"}, "a" ] }
            },
            "ownKey": {
              "state": "ENABLED", "variants": {"staticKey": 1, "ownKey": 2}, "defaultVariant": "staticKey",
              "targeting": { "var": "$flagd.flagKey" }
            },
            "afterTime": {
              "state": "ENABLED", "variants": {"early": 1, "late": 2}, "defaultVariant": "early",
              "targeting": { "if": [ {">": [ {"var": "$flagd.timestamp"}, 1600000000 ]}, "late", "early" ] }
            },
            "byTargetingKey": {
              "state": "ENABLED", "variants": {"hit": "hit", "miss": "miss"}, "defaultVariant": "miss",
              "targeting": { "if": [ {"==": [ {"var": "targetingKey"}, "5c3d8535" ]}, "hit", null ] }
            }
          }
        }
        """;

    [Fact]
    public void The_shipped_flag_file_has_every_platform_flag_all_off()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "flags", "demo.flagd.json");
        var text = File.ReadAllText(path);

        var flags = FlagFileParser.Parse(text);

        Assert.Equal("https://flagd.dev/schema/v0/flags.json", (string?)JsonNode.Parse(text)!["$schema"]);
        Assert.Equal(
            ["paymentFailure", "paymentUnreachable", "cartFailure", "productCatalogFailure", "kafkaQueueProblems", "failedReadinessProbe", "checkoutPeakMode",
             "adFailure", "adHighCpu", "adManualGc", "emailMemoryLeak", "imageSlowLoad", "recommendationCacheFailure", "intlShippingSlowdown", "loadGeneratorFloodHomepage"],
            flags.Flags.Keys);
        Assert.All(flags.Flags.Values, f => Assert.Equal("off", f.DefaultVariant));
        Assert.Equal(["100%", "90%", "75%", "50%", "25%", "10%", "off"], flags.Flags["paymentFailure"].Variants.Keys);
        Assert.Equal(0.25, flags.Flags["paymentFailure"].Variants["25%"]!.GetValue<double>());
        Assert.Equal(100, flags.Flags["kafkaQueueProblems"].Variants["on"]!.GetValue<int>());
        Assert.True(flags.Flags["cartFailure"].Variants["on"]!.GetValue<bool>());
    }

    [Fact]
    public void A_flag_without_targeting_is_static() =>
        Assert.Equal(("on", EvaluationReasons.Static, "true"), Summary(Evaluate(Targeted, "static")));

    [Fact]
    public void A_disabled_flag_gives_its_default_with_reason_disabled() =>
        Assert.Equal(("off", EvaluationReasons.Disabled, "false"), Summary(Evaluate(Targeted, "disabled")));

    [Fact]
    public void Targeting_that_returns_null_gives_the_default_variant() =>
        Assert.Equal(("off", EvaluationReasons.Default, "false"), Summary(Evaluate(Targeted, "staffOnly", """{"email":"someone@elsewhere.org"}""")));

    [Fact]
    public void Targeting_through_an_evaluator_ref_matches() =>
        Assert.Equal(("on", EvaluationReasons.TargetingMatch, "true"), Summary(Evaluate(Targeted, "staffOnly", """{"email":"ann@example.com"}""")));

    [Fact]
    public void One_evaluator_serves_several_flags() =>
        Assert.Equal(("blue", EvaluationReasons.TargetingMatch, "\"#00f\""), Summary(Evaluate(Targeted, "staffColor", """{"email":"ann@example.com"}""")));

    [Fact]
    public void A_ref_to_a_missing_evaluator_is_a_parse_error() =>
        Assert.Equal(ErrorCodes.ParseError, Evaluate(Targeted, "unknownRef").ErrorCode);

    [Theory]
    [InlineData("""{ "nosuchop": [1] }""")]
    [InlineData("""{ "if": [ {"==": [{"var": "plan"}, "gold"]}, {"starts_wit": [{"var": "email"}, "a"]}, "a" ] }""")]
    [InlineData("""{ "and": [ true, [ {"fractionall": ["a", 50]} ] ] }""")]
    public void A_file_with_an_unknown_operator_is_rejected_naming_it(string targeting)
    {
        var file = $$"""{ "flags": { "rule": { "state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {{targeting}} } } }""";

        var error = Assert.Throws<FlagFileException>(() => FlagFileParser.Parse(file));

        Assert.Contains("'rule'", error.Message);
        Assert.Contains("unknown operator", error.Message);
    }

    [Fact]
    public void Targeting_that_names_no_variant_is_a_general_error()
    {
        var result = Evaluate(Targeted, "badResult");

        Assert.Equal((ErrorCodes.General, EvaluationReasons.Error), (result.ErrorCode, result.Reason));
        Assert.Contains("no-such-variant", result.ErrorDetails);
    }

    [Fact]
    public void The_context_carries_the_flag_key() =>
        Assert.Equal("ownKey", Evaluate(Targeted, "ownKey").Variant);

    [Fact]
    public void The_context_carries_the_timestamp() =>
        Assert.Equal("late", Evaluate(Targeted, "afterTime").Variant);

    [Fact]
    public void The_context_carries_the_targeting_key()
    {
        var result = Evaluate(Targeted, "byTargetingKey", """{"targetingKey":"5c3d8535"}""");

        Assert.Equal(("hit", EvaluationReasons.TargetingMatch), (result.Variant, result.Reason));
    }

    [Fact]
    public void An_unknown_flag_is_flag_not_found() =>
        Assert.Equal(ErrorCodes.FlagNotFound, Evaluate(Targeted, "nope").ErrorCode);

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{"flags": []}""", "'flags' must be an object")]
    [InlineData("""{"flags": {"f": {"state": "ON", "variants": {"a": 1}, "defaultVariant": "a"}}}""", "state must be")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "b"}}}""", "defaultVariant 'b' is not one of its variants (a)")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {"a": 1, "b": "x"}, "defaultVariant": "a"}}}""", "variants mix types")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {}, "defaultVariant": "a"}}}""", "non-empty")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {"a": [1]}, "defaultVariant": "a"}}}""", "variant 'a' must be")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": "x"}}}""", "targeting must be")]
    [InlineData("""{"flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "metadata": {"x": {}}}}}""", "metadata")]
    public void An_invalid_flag_file_is_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FlagFileException>(() => FlagFileParser.Parse(json));

        Assert.Contains(reason, error.Message);
    }

    private static (string? Variant, string Reason, string? Value) Summary(EvaluationResult result) =>
        (result.Variant, result.Reason, result.Value?.ToJsonString());
}
