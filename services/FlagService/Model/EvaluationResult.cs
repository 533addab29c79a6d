using System.Text.Json.Nodes;

namespace FlagService.Model;

/// <summary>OpenFeature resolution reasons used by FlagService.</summary>
public static class EvaluationReasons
{
    public const string Static = "STATIC";
    public const string TargetingMatch = "TARGETING_MATCH";
    public const string Default = "DEFAULT";
    public const string Disabled = "DISABLED";
    public const string Error = "ERROR";
}

/// <summary>OpenFeature / OFREP error codes.</summary>
public static class ErrorCodes
{
    public const string FlagNotFound = "FLAG_NOT_FOUND";
    public const string ParseError = "PARSE_ERROR";
    public const string TypeMismatch = "TYPE_MISMATCH";
    public const string TargetingKeyMissing = "TARGETING_KEY_MISSING";
    public const string InvalidContext = "INVALID_CONTEXT";
    public const string General = "GENERAL";
}

/// <summary>
/// The outcome of evaluating one flag: a value and variant (absent when the flag defers to the
/// caller's code default), a reason, and on failure an error code with details.
/// </summary>
public sealed record EvaluationResult(
    string Key,
    JsonNode? Value,
    string? Variant,
    string Reason,
    string? ErrorCode = null,
    string? ErrorDetails = null,
    JsonObject? Metadata = null)
{
    public bool IsError => ErrorCode is not null;

    public static EvaluationResult Failure(string key, string errorCode, string details) =>
        new(key, null, null, EvaluationReasons.Error, errorCode, details);
}

/// <summary>
/// One line of the audit log: when, which flag, which property (<c>defaultVariant</c>, <c>state</c>,
/// <c>removed</c>), old and new value, who (<c>admin@&lt;remote address&gt;</c> or <c>file</c>) and
/// via what (<c>api</c>, <c>ui</c>, <c>file</c>).
/// </summary>
public sealed record AuditEntry(DateTimeOffset Time, string Flag, string Property, string? Old, string? New, string Who, string Via);
