using System.Text.Json.Nodes;

namespace FlagService.Model;

/// <summary>flagd's flag states.</summary>
public enum FlagState
{
    Enabled,
    Disabled,
}

/// <summary>
/// One flag of a flagd flag file: typed variants, the default variant and optional JsonLogic
/// targeting (with <c>$ref</c>s to <c>$evaluators</c> already inlined).
/// </summary>
public sealed record FlagDefinition(
    string Key,
    FlagState State,
    IReadOnlyDictionary<string, JsonNode?> Variants,
    string? DefaultVariant,
    JsonNode? Targeting,
    JsonObject? Metadata)
{
    /// <summary>True when the flag has non-empty targeting rules.</summary>
    public bool HasTargeting => Targeting is JsonObject { Count: > 0 };
}

/// <summary>A loaded flag file: its flags, the flag-set metadata and the document it came from.</summary>
public sealed record FlagSet(IReadOnlyDictionary<string, FlagDefinition> Flags, JsonObject? Metadata, JsonObject Document, string ContentHash)
{
    /// <summary>A set with no flags (before the file is loaded).</summary>
    public static FlagSet Empty { get; } = new(new Dictionary<string, FlagDefinition>(), null, new JsonObject(), "");
}
