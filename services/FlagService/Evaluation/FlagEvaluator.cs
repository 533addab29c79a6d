using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using FlagService.Infrastructure;
using FlagService.Model;
using static FlagService.Evaluation.JsonLogicValues;

namespace FlagService.Evaluation;

/// <summary>
/// Evaluates flags as flagd does: a disabled flag gives its default variant with reason DISABLED;
/// no targeting gives the default variant (STATIC); targeting runs as JsonLogic over the context plus
/// <c>$flagd.flagKey</c> and <c>$flagd.timestamp</c> (Unix seconds) and names a variant
/// (TARGETING_MATCH) or returns null (DEFAULT). A rule that cannot run is a PARSE_ERROR, a result that
/// names no variant is GENERAL. Every evaluation counts in <c>app.feature_flag.evaluations</c>.
/// </summary>
public sealed class FlagEvaluator
{
    /// <summary>The Meter name.</summary>
    public const string MeterName = "Platform.FlagService";

    private static readonly JsonLogic Logic = FlagdOperators.CreateJsonLogic();
    private readonly FlagFileStore _store;
    private readonly TimeProvider _time;
    private readonly Counter<long> _evaluations;

    public FlagEvaluator(FlagFileStore store, TimeProvider time, IMeterFactory meterFactory)
    {
        _store = store;
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _evaluations = meter.CreateCounter<long>("app.feature_flag.evaluations", "{evaluation}", "Flag evaluations by flag key, variant and reason");
    }

    /// <summary>Evaluates one flag of the flags in force.</summary>
    public EvaluationResult Evaluate(string key, JsonObject? context) =>
        Count(Evaluate(_store.Current, key, context, _time.GetUtcNow()));

    /// <summary>Evaluates every flag of the flags in force, in file order.</summary>
    public IReadOnlyList<EvaluationResult> EvaluateAll(JsonObject? context)
    {
        var flags = _store.Current;
        var now = _time.GetUtcNow();
        return flags.Flags.Keys.Select(key => Count(Evaluate(flags, key, context, now))).ToList();
    }

    /// <summary>Evaluates one flag of <paramref name="flags"/> (pure: no counters, no clock).</summary>
    public static EvaluationResult Evaluate(FlagSet flags, string key, JsonObject? context, DateTimeOffset now)
    {
        if (!flags.Flags.TryGetValue(key, out var flag))
        {
            return EvaluationResult.Failure(key, ErrorCodes.FlagNotFound, $"flag '{key}' was not found");
        }

        var metadata = Metadata(flags, flag);
        if (flag.State == FlagState.Disabled)
        {
            return Resolved(flag, flag.DefaultVariant, EvaluationReasons.Disabled, metadata);
        }

        if (!flag.HasTargeting)
        {
            return Resolved(flag, flag.DefaultVariant, flag.DefaultVariant is null ? EvaluationReasons.Default : EvaluationReasons.Static, metadata);
        }

        object? outcome;
        try
        {
            outcome = Logic.Evaluate(flag.Targeting, Data(key, context, now));
        }
        catch (JsonLogicException e)
        {
            return EvaluationResult.Failure(key, ErrorCodes.ParseError, $"targeting of flag '{key}' cannot be evaluated: {e.Message}") with { Metadata = metadata };
        }

        if (outcome is null)
        {
            return Resolved(flag, flag.DefaultVariant, EvaluationReasons.Default, metadata);
        }

        var variant = outcome switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            double d => FormatNumber(d),
            _ => null,
        };
        if (variant is null || !flag.Variants.ContainsKey(variant))
        {
            return EvaluationResult.Failure(key, ErrorCodes.General, $"targeting of flag '{key}' returned {Describe(outcome)}, which is not one of its variants") with { Metadata = metadata };
        }

        return Resolved(flag, variant, EvaluationReasons.TargetingMatch, metadata);
    }

    private static EvaluationResult Resolved(FlagDefinition flag, string? variant, string reason, JsonObject metadata) =>
        variant is null
            ? new EvaluationResult(flag.Key, null, null, reason, Metadata: metadata)
            : new EvaluationResult(flag.Key, flag.Variants[variant]?.DeepClone(), variant, reason, Metadata: metadata);

    private static Dictionary<string, object?> Data(string key, JsonObject? context, DateTimeOffset now)
    {
        var data = context is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : (Dictionary<string, object?>)FromJson(context)!;
        data["$flagd"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["flagKey"] = key,
            ["timestamp"] = (double)now.ToUnixTimeSeconds(),
        };
        return data;
    }

    private static JsonObject Metadata(FlagSet flags, FlagDefinition flag)
    {
        var metadata = new JsonObject();
        foreach (var source in new[] { flags.Metadata, flag.Metadata })
        {
            foreach (var (name, value) in source ?? [])
            {
                metadata[name] = value?.DeepClone();
            }
        }

        return metadata;
    }

    private EvaluationResult Count(EvaluationResult result)
    {
        // An unknown key is not a tag value: callers choose keys, and a tag must not grow without bound.
        var tags = new TagList
        {
            { "feature_flag.key", result.ErrorCode == ErrorCodes.FlagNotFound ? "unknown" : result.Key },
            { "feature_flag.result.variant", result.Variant ?? "" },
            { "feature_flag.result.reason", result.Reason.ToLowerInvariant() },
        };
        if (result.ErrorCode is { } errorCode)
        {
            tags.Add("error.type", errorCode);
        }

        _evaluations.Add(1, tags);
        return result;
    }
}
