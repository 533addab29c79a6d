using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlagService.Evaluation;
using FlagService.Model;

namespace FlagService.Infrastructure;

/// <summary>A flag file that does not load; the message says why.</summary>
public sealed class FlagFileException(string message) : Exception(message);

/// <summary>
/// Reads flagd's flag file format (https://flagd.dev/schema/v0/flags.json): <c>flags</c>, optional
/// <c>$evaluators</c> (inlined where a rule says <c>{"$ref": "name"}</c>) and <c>metadata</c>. Checks
/// what flagd's schema and loader check: states, one JSON type per flag's variants, a default variant
/// that names a variant, object targeting, scalar metadata. Unknown properties are allowed.
/// </summary>
public static class FlagFileParser
{
    private static readonly JsonLogic Logic = FlagdOperators.CreateJsonLogic();

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses and validates a flag file's text.</summary>
    /// <exception cref="FlagFileException">The text is not a valid flag file.</exception>
    public static FlagSet Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FlagFileException($"not valid JSON: {e.Message}");
        }

        if (root is not JsonObject document)
        {
            throw new FlagFileException("the root must be a JSON object");
        }

        if (document["flags"] is not JsonObject flagsNode)
        {
            throw new FlagFileException("'flags' must be an object holding the flags");
        }

        var evaluators = document["$evaluators"] switch
        {
            null => new JsonObject(),
            JsonObject e when e.All(p => p.Value is JsonObject) => e,
            _ => throw new FlagFileException("'$evaluators' must be an object of JsonLogic rules (objects)"),
        };

        var flags = new Dictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var (key, node) in flagsNode)
        {
            flags[key] = ParseFlag(key, node, evaluators);
        }

        var metadata = ParseMetadata(document["metadata"], "'metadata'");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return new FlagSet(flags, metadata, document, hash);
    }

    private static FlagDefinition ParseFlag(string key, JsonNode? node, JsonObject evaluators)
    {
        var where = $"flag '{key}'";
        if (key.Length == 0)
        {
            throw new FlagFileException("a flag key must not be empty");
        }

        if (node is not JsonObject flag)
        {
            throw new FlagFileException($"{where} must be an object");
        }

        var state = flag["state"] switch
        {
            null => FlagState.Enabled,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "ENABLED" => FlagState.Enabled,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "DISABLED" => FlagState.Disabled,
            var other => throw new FlagFileException($"{where}: state must be \"ENABLED\" or \"DISABLED\", not {other.ToJsonString()}"),
        };

        var variants = ParseVariants(where, flag["variants"]);
        string? defaultVariant = flag["defaultVariant"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => throw new FlagFileException($"{where}: defaultVariant must be a string, not {other.ToJsonString()}"),
        };
        if (defaultVariant is not null && !variants.ContainsKey(defaultVariant))
        {
            throw new FlagFileException($"{where}: defaultVariant '{defaultVariant}' is not one of its variants ({string.Join(", ", variants.Keys)})");
        }

        var targeting = flag["targeting"] switch
        {
            null => null,
            JsonObject t => Inline(t, evaluators, depth: 0),
            var other => throw new FlagFileException($"{where}: targeting must be a JsonLogic object, not {other.ToJsonString()}"),
        };
        if (Logic.FindUnknownOperator(targeting) is { } unknown)
        {
            throw new FlagFileException($"{where}: targeting uses the unknown operator '{unknown}'");
        }

        return new FlagDefinition(key, state, variants, defaultVariant, targeting, ParseMetadata(flag["metadata"], $"{where}: metadata"));
    }

    private static Dictionary<string, JsonNode?> ParseVariants(string where, JsonNode? node)
    {
        if (node is null)
        {
            // flagd's schema default for omitted variants.
            return new Dictionary<string, JsonNode?> { ["true"] = JsonValue.Create(true), ["false"] = JsonValue.Create(false) };
        }

        if (node is not JsonObject variants || variants.Count == 0)
        {
            throw new FlagFileException($"{where}: variants must be a non-empty object");
        }

        string? kind = null;
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in variants)
        {
            var valueKind = value switch
            {
                JsonObject => "object",
                JsonValue v => v.GetValueKind() switch
                {
                    JsonValueKind.True or JsonValueKind.False => "boolean",
                    JsonValueKind.String => "string",
                    JsonValueKind.Number => "number",
                    _ => null,
                },
                _ => null,
            } ?? throw new FlagFileException($"{where}: variant '{name}' must be a boolean, string, number or object, not {value?.ToJsonString() ?? "null"}");
            if (name.Length == 0)
            {
                throw new FlagFileException($"{where}: a variant name must not be empty");
            }

            if (kind is not null && kind != valueKind)
            {
                throw new FlagFileException($"{where}: variants mix types ({kind} and {valueKind}); all variants of a flag have one type");
            }

            kind = valueKind;
            result[name] = value;
        }

        return result;
    }

    private static JsonObject? ParseMetadata(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonObject m when m.All(p => p.Value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) => m,
        _ => throw new FlagFileException($"{where} must be an object of strings, numbers and booleans"),
    };

    // Replaces every {"$ref": "name"} with the named evaluator's rule (other keys of that object are kept).
    // A $ref to an unknown evaluator stays, and evaluating it is a PARSE_ERROR, as in flagd.
    private static JsonNode? Inline(JsonNode? node, JsonObject evaluators, int depth)
    {
        if (depth > 32)
        {
            throw new FlagFileException("'$evaluators' refer to each other in a cycle");
        }

        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => Inline(item, evaluators, depth)).ToArray());
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (name == "$ref" && value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        && evaluators[v.GetValue<string>()] is JsonObject evaluator)
                    {
                        foreach (var (evalName, evalValue) in evaluator)
                        {
                            result[evalName] = Inline(evalValue, evaluators, depth + 1);
                        }
                    }
                    else
                    {
                        result[name] = Inline(value, evaluators, depth);
                    }
                }

                return result;
            default:
                return node?.DeepClone();
        }
    }
}
