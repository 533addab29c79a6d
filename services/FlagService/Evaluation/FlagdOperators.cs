namespace FlagService.Evaluation;

/// <summary>flagd's custom JsonLogic operators: fractional, starts_with, ends_with, sem_ver.</summary>
public static class FlagdOperators
{
    /// <summary>The operators by name, ready for <see cref="JsonLogic"/>.</summary>
    public static IReadOnlyDictionary<string, JsonLogicOperator> All { get; } = new Dictionary<string, JsonLogicOperator>
    {
        ["fractional"] = Fractional.Evaluate,
        ["starts_with"] = (args, _) => StringTest(args, (s, prefix) => s.StartsWith(prefix, StringComparison.Ordinal)),
        ["ends_with"] = (args, _) => StringTest(args, (s, suffix) => s.EndsWith(suffix, StringComparison.Ordinal)),
        ["sem_ver"] = SemVer.Evaluate,
    };

    /// <summary>A JsonLogic interpreter with flagd's operators.</summary>
    public static JsonLogic CreateJsonLogic() => new(All);

    // Exactly two strings, else null (flagd: operator errors give null so the default variant applies).
    private static object? StringTest(IReadOnlyList<object?> args, Func<string, string, bool> test) =>
        args is [string value, string operand] ? test(value, operand) : null;
}
