using System.Text.Json.Nodes;
using FlagService.Evaluation;
using FlagService.Infrastructure;
using FlagService.Model;

namespace FlagService.Tests;

/// <summary>
/// flagd's custom operators, checked against the expectations of flagd's own conformance suite
/// (open-feature/flagd-testbed, gherkin/targeting.feature, "fractional-v2" examples).
/// </summary>
public class FlagdOperatorTests
{
    private const string Cards = """{"clubs":"clubs","diamonds":"diamonds","hearts":"hearts","spades":"spades","wild":"wild"}""";

    private static readonly FlagSet Flags = FlagFileParser.Parse($$"""
        {
          "flags": {
            "fractional-flag": {
              "state": "ENABLED", "variants": {{Cards}}, "defaultVariant": "wild",
              "targeting": { "fractional": [ {"cat": [ {"var": "$flagd.flagKey"}, {"var": "user.name"} ]},
                ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25] ] }
            },
            "fractional-flag-A-shared-seed": {
              "state": "ENABLED", "variants": {{Cards}}, "defaultVariant": "wild",
              "targeting": { "fractional": [ {"cat": [ "shared-seed", {"var": "user.name"} ]},
                ["clubs", 25], ["diamonds", 25], ["hearts", 25], ["spades", 25] ] }
            },
            "fractional-flag-shorthand": {
              "state": "ENABLED", "variants": {"heads":"heads","tails":"tails","draw":"draw"}, "defaultVariant": "draw",
              "targeting": { "fractional": [ ["heads"], ["tails", 1] ] }
            },
            "half": {
              "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
              "targeting": { "fractional": [ ["on", 50], ["off", 50] ] }
            },
            "zero-weights": {
              "state": "ENABLED", "variants": {"one": "one", "two": "two", "fallback": "fallback"}, "defaultVariant": "fallback",
              "targeting": { "fractional": [ ["one", 0], ["two", 0] ] }
            },
            "negative-weight": {
              "state": "ENABLED", "variants": {"one": "one", "two": "two", "fallback": "fallback"}, "defaultVariant": "fallback",
              "targeting": { "fractional": [ ["one", -50], ["two", 100] ] }
            },
            "fractional-nested-var-flag": {
              "state": "ENABLED", "variants": {"red":"red","green":"green","blue":"blue"}, "defaultVariant": "blue",
              "targeting": { "fractional": [ {"var": "targetingKey"}, [ {"var": "color"}, 50 ], [ "blue", 50 ] ] }
            },
            "fractional-as-condition-flag": {
              "state": "ENABLED", "variants": {"hundreds":"hundreds","ones":"ones"}, "defaultVariant": "ones",
              "targeting": { "if": [ {"fractional": [ [ true, 1 ] ]}, "hundreds", "ones" ] }
            },
            "starts-ends-flag": {
              "state": "ENABLED", "variants": {"prefix":"prefix","postfix":"postfix","none":"none"}, "defaultVariant": "none",
              "targeting": { "if": [ {"starts_with": [{"var": "id"}, "abc"]}, "prefix",
                { "if": [ {"ends_with": [{"var": "id"}, "xyz"]}, "postfix", "none" ] } ] }
            },
            "equal-greater-lesser-version-flag": {
              "state": "ENABLED", "variants": {"equal":"equal","greater":"greater","lesser":"lesser","none":"none"}, "defaultVariant": "none",
              "targeting": { "if": [
                {"sem_ver": [{"var": "version"}, "=", "2.0.0"]}, "equal",
                {"sem_ver": [{"var": "version"}, ">", "2.0.0"]}, "greater",
                {"sem_ver": [{"var": "version"}, "<", "2.0.0"]}, "lesser",
                "none" ] }
            },
            "major-minor-version-flag": {
              "state": "ENABLED", "variants": {"minor":"minor","major":"major","none":"none"}, "defaultVariant": "none",
              "targeting": { "if": [
                {"sem_ver": [{"var": "version"}, "~", "3.0.0"]}, "minor",
                {"sem_ver": [{"var": "version"}, "^", "3.0.0"]}, "major",
                "none" ] }
            }
          }
        }
        """);

    private static EvaluationResult Evaluate(string key, string context) =>
        FlagEvaluator.Evaluate(Flags, key, (JsonObject)JsonNode.Parse(context)!, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("", 0u)]
    [InlineData("hello", 0x248bfa47u)]
    [InlineData("ejOoVL", 0u)]
    [InlineData("bY9fO-", 1u)]
    [InlineData("SI7p-", 2147483647u)]
    [InlineData("6LvT0", 2147483648u)]
    [InlineData("ceQdGm", 4294967295u)]
    public void Murmur3_matches_known_hashes(string input, uint expected) =>
        Assert.Equal(expected, Murmur3.Hash32(input));

    [Theory]
    [InlineData("jack", "hearts")]
    [InlineData("queen", "spades")]
    [InlineData("ten", "clubs")]
    [InlineData("nine", "diamonds")]
    [InlineData("3", "clubs")]
    public void Fractional_buckets_as_flagd_does(string name, string expected)
    {
        var result = Evaluate("fractional-flag", $$$"""{"user":{"name":"{{{name}}}"}}""");

        Assert.Equal(expected, result.Variant);
        Assert.Equal(EvaluationReasons.TargetingMatch, result.Reason);
    }

    [Theory]
    [InlineData("seven", "hearts")]
    [InlineData("eight", "diamonds")]
    [InlineData("nine", "clubs")]
    [InlineData("two", "spades")]
    public void Fractional_with_a_shared_seed_buckets_as_flagd_does(string name, string expected) =>
        Assert.Equal(expected, Evaluate("fractional-flag-A-shared-seed", $$$"""{"user":{"name":"{{{name}}}"}}""").Variant);

    [Theory]
    [InlineData("jon@company.com", "heads")]
    [InlineData("jane@company.com", "tails")]
    public void Fractional_shorthand_buckets_flag_key_and_targeting_key(string targetingKey, string expected) =>
        Assert.Equal(expected, Evaluate("fractional-flag-shorthand", $$"""{"targetingKey":"{{targetingKey}}"}""").Variant);

    [Fact]
    public void Fractional_splits_ten_thousand_keys_fifty_fifty_within_two_percent()
    {
        var on = Enumerable.Range(0, 10_000).Count(i => Evaluate("half", $$"""{"targetingKey":"user-{{i}}"}""").Variant == "on");

        Assert.InRange(on, 4_800, 5_200);
    }

    [Fact]
    public void Fractional_is_deterministic_per_key()
    {
        var first = Enumerable.Range(0, 200).Select(i => Evaluate("half", $$"""{"targetingKey":"k{{i}}"}""").Variant).ToList();
        var second = Enumerable.Range(0, 200).Select(i => Evaluate("half", $$"""{"targetingKey":"k{{i}}"}""").Variant).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fractional_bucket_is_hash_times_total_weight_shifted()
    {
        // 2^31 * 100 >> 32 = 50: the first key of the upper half.
        Assert.Equal(50, Fractional.BucketOf("6LvT0", 100));
        Assert.Equal(49, Fractional.BucketOf("SI7p-", 100));
        Assert.Equal(99, Fractional.BucketOf("ceQdGm", 100));
    }

    [Fact]
    public void Fractional_without_targeting_key_gives_the_default_variant()
    {
        var result = Evaluate("half", "{}");

        Assert.Equal(("off", EvaluationReasons.Default), (result.Variant, result.Reason));
    }

    [Fact]
    public void Fractional_with_all_zero_weights_gives_the_default_variant()
    {
        var result = Evaluate("zero-weights", """{"targetingKey":"any-user"}""");

        Assert.Equal(("fallback", EvaluationReasons.Default), (result.Variant, result.Reason));
    }

    [Fact]
    public void Fractional_clamps_negative_weights_to_zero() =>
        Assert.Equal("two", Evaluate("negative-weight", """{"targetingKey":"any-user"}""").Variant);

    [Theory]
    [InlineData("jon@company.com", "red", "red")]
    [InlineData("jon@company.com", "green", "green")]
    [InlineData("user1", "red", "blue")]
    public void Fractional_variants_can_be_expressions(string targetingKey, string color, string expected) =>
        Assert.Equal(expected, Evaluate("fractional-nested-var-flag", $$"""{"targetingKey":"{{targetingKey}}","color":"{{color}}"}""").Variant);

    [Fact]
    public void Fractional_bucket_values_follow_flagd_examples()
    {
        // flagd-testbed: jon@company.com falls in bucket 36 of 100, user1 in 76.
        Assert.Equal(36, Fractional.BucketOf("jon@company.com", 100));
        Assert.Equal(76, Fractional.BucketOf("user1", 100));
    }

    [Fact]
    public void Fractional_can_be_a_condition() =>
        Assert.Equal("hundreds", Evaluate("fractional-as-condition-flag", """{"targetingKey":"some-targeting-key"}""").Variant);

    [Theory]
    [InlineData("abcdef", "prefix")]
    [InlineData("uvwxyz", "postfix")]
    [InlineData("abcxyz", "prefix")]
    [InlineData("lmnopq", "none")]
    public void Starts_with_and_ends_with(string id, string expected) =>
        Assert.Equal(expected, Evaluate("starts-ends-flag", $$"""{"id":"{{id}}"}""").Variant);

    [Fact]
    public void Starts_with_on_a_number_is_null_not_an_error() =>
        Assert.Equal("none", Evaluate("starts-ends-flag", """{"id":3}""").Variant);

    [Theory]
    [InlineData("2.0.0", "equal")]
    [InlineData("2.1.0", "greater")]
    [InlineData("1.9.0", "lesser")]
    [InlineData("2.0.0-alpha", "lesser")]
    [InlineData("v2.0.0", "equal")]
    [InlineData("2.0.0+build.7", "equal")]
    [InlineData("2.0", "equal")]
    [InlineData("2.0.0.0", "none")]
    [InlineData("not-a-version", "none")]
    public void Sem_ver_compares_versions(string version, string expected) =>
        Assert.Equal(expected, Evaluate("equal-greater-lesser-version-flag", $$"""{"version":"{{version}}"}""").Variant);

    [Theory]
    [InlineData("3.0.1", "minor")]
    [InlineData("3.1.0", "major")]
    [InlineData("4.0.0", "none")]
    public void Sem_ver_matches_major_and_minor(string version, string expected) =>
        Assert.Equal(expected, Evaluate("major-minor-version-flag", $$"""{"version":"{{version}}"}""").Variant);

    [Fact]
    public void Sem_ver_orders_pre_releases_as_semver_says()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"];

        for (var i = 0; i + 1 < ordered.Length; i++)
        {
            Assert.True(SemVer.TryParse(ordered[i])!.CompareTo(SemVer.TryParse(ordered[i + 1])) < 0, $"{ordered[i]} < {ordered[i + 1]}");
        }
    }
}
