using System.Text.Json;

namespace Platform.ServiceDefaults.Flags;

/// <summary>
/// The outcome of one OFREP single-flag evaluation: 200 <c>{ key, value, reason, variant, metadata }</c>,
/// or a failure (an OFREP <c>errorCode</c> such as FLAG_NOT_FOUND, or a transport failure).
/// <see cref="ErrorType"/> uses the semantic-convention values of <c>error.type</c> for flags
/// (flag_not_found, type_mismatch, parse_error, targeting_key_missing, invalid_context, general),
/// plus timeout and unavailable for transport failures.
/// </summary>
internal sealed record OfrepEvaluation(JsonElement Value, string? Variant, string? Reason, string? ErrorType, string? ErrorDetails)
{
    public bool IsSuccess => ErrorType is null;

    public static OfrepEvaluation Failure(string errorType, string? details) => new(default, null, "ERROR", errorType, details);
}
