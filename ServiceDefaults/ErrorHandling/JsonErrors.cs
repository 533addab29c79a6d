using System.Text.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Names the field a <see cref="JsonException"/> is about, for a handler that reads a body itself
/// (after checking a token, say) and answers like the binding failures do.
/// <code>catch (JsonException e) { var (field, message) = JsonErrors.Describe(e); return TypedResults.ValidationProblem(new() { [field] = [message] }); }</code>
/// </summary>
public static class JsonErrors
{
    /// <summary>The key of an error about the body as a whole (not JSON, an array or null where an object belongs).</summary>
    public const string BodyKey = "body";

    /// <summary>The field (the JSON path without <c>$.</c>: <c>quantity</c>, <c>card.number</c>, <c>tags[1]</c>, or <c>body</c>) and what is wrong with it.</summary>
    public static (string Field, string Message) Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = FieldOf(exception.Path);
        var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
        // The reader's own error (broken syntax, invalid UTF-8, too deep) comes wrapped in a JsonException;
        // a conversion error (a string for a number, a number beyond the type) carries its cause or none.
        var message = exception.InnerException is JsonException
            ? $"The body is not valid JSON at '{field}'{where}."
            : $"The value of '{field}' is of the wrong type or out of range{where}.";
        return (field, message);
    }

    private static string FieldOf(string? path) => path switch
    {
        null or "" or "$" => BodyKey,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };
}
