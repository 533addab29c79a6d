using System.Globalization;
using System.Text.Json.Nodes;
using static FlagService.Evaluation.JsonLogicValues;

namespace FlagService.Evaluation;

/// <summary>A rule that cannot be evaluated (an unknown operator, malformed arguments).</summary>
public sealed class JsonLogicException(string message) : Exception(message);

/// <summary>A custom operator: receives its already evaluated arguments and the current data.</summary>
public delegate object? JsonLogicOperator(IReadOnlyList<object?> args, object? data);

/// <summary>
/// A JsonLogic (jsonlogic.com) interpreter written for flag targeting: rules are JSON, data is the
/// value model of <see cref="JsonLogicValues"/>. Supports var, missing, missing_some, if/?:, ==, ===,
/// !=, !==, !, !!, or, and, &lt;, &lt;=, &gt;, &gt;=, in, cat, substr, +, -, *, /, %, min, max, merge,
/// map, filter, reduce, all, some, none, log, plus the custom operators given to the constructor.
/// </summary>
public sealed class JsonLogic
{
    private readonly Dictionary<string, JsonLogicOperator> _operators;

    public JsonLogic(IReadOnlyDictionary<string, JsonLogicOperator>? customOperators = null)
    {
        _operators = new Dictionary<string, JsonLogicOperator>(StringComparer.Ordinal)
        {
            ["var"] = Var,
            ["missing"] = (args, data) => Missing(args, data),
            ["missing_some"] = MissingSome,
            ["=="] = (args, _) => LooseEquals(Arg(args, 0), Arg(args, 1)),
            ["!="] = (args, _) => !LooseEquals(Arg(args, 0), Arg(args, 1)),
            ["==="] = (args, _) => StrictEquals(Arg(args, 0), Arg(args, 1)),
            ["!=="] = (args, _) => !StrictEquals(Arg(args, 0), Arg(args, 1)),
            ["!"] = (args, _) => !Truthy(Arg(args, 0)),
            ["!!"] = (args, _) => Truthy(Arg(args, 0)),
            ["<"] = (args, _) => args.Count >= 3 ? LessThan(args[0], args[1]) && LessThan(args[1], args[2]) : LessThan(Arg(args, 0), Arg(args, 1)),
            ["<="] = (args, _) => args.Count >= 3 ? LessOrEqual(args[0], args[1]) && LessOrEqual(args[1], args[2]) : LessOrEqual(Arg(args, 0), Arg(args, 1)),
            [">"] = (args, _) => LessThan(Arg(args, 1), Arg(args, 0)),
            [">="] = (args, _) => LessOrEqual(Arg(args, 1), Arg(args, 0)),
            ["in"] = (args, _) => In(Arg(args, 0), Arg(args, 1)),
            ["cat"] = (args, _) => string.Concat(args.Select(ToJsString)),
            ["substr"] = (args, _) => Substr(ToJsString(Arg(args, 0)), ToNumber(Arg(args, 1)), args.Count > 2 ? ToNumber(args[2]) : null),
            ["+"] = (args, _) => Number(args.Aggregate(0d, (sum, a) => sum + ToNumber(a))),
            ["*"] = (args, _) => Number(args.Aggregate(1d, (product, a) => product * ToNumber(a))),
            ["-"] = (args, _) => Number(args.Count == 1 ? -ToNumber(args[0]) : ToNumber(Arg(args, 0)) - ToNumber(Arg(args, 1))),
            ["/"] = (args, _) => Number(ToNumber(Arg(args, 0)) / ToNumber(Arg(args, 1))),
            ["%"] = (args, _) => Number(ToNumber(Arg(args, 0)) % ToNumber(Arg(args, 1))),
            ["min"] = (args, _) => args.Count == 0 ? null : Number(args.Select(ToNumber).Min()),
            ["max"] = (args, _) => args.Count == 0 ? null : Number(args.Select(ToNumber).Max()),
            ["merge"] = (args, _) => args.SelectMany(a => a is List<object?> list ? list : [a]).ToList(),
            ["log"] = (args, _) => Arg(args, 0),
        };

        foreach (var (name, op) in customOperators ?? new Dictionary<string, JsonLogicOperator>())
        {
            _operators[name] = op;
        }
    }

    /// <summary>
    /// The first operation in <paramref name="rule"/> this JsonLogic does not know, or null. Checked when a
    /// flag file is loaded, so a typo rejects the file rather than failing each evaluation. A <c>$ref</c>
    /// left in a rule (an evaluator that does not exist) is not an operator: as in flagd, evaluating it
    /// is a PARSE_ERROR.
    /// </summary>
    public string? FindUnknownOperator(JsonNode? rule)
    {
        switch (rule)
        {
            case JsonArray array:
                return array.Select(FindUnknownOperator).FirstOrDefault(name => name is not null);
            case JsonObject obj when obj.Count == 1:
                var (name, args) = obj.First();
                return name is "if" or "?:" or "and" or "or" or "map" or "filter" or "all" or "some" or "none" or "reduce" or "$ref"
                    || _operators.ContainsKey(name)
                    ? FindUnknownOperator(args)
                    : name;
            default:
                return null;
        }
    }

    /// <summary>Evaluates <paramref name="rule"/> against <paramref name="data"/> (a JSON node).</summary>
    public object? Apply(JsonNode? rule, JsonNode? data) => Evaluate(rule, FromJson(data));

    /// <summary>Evaluates <paramref name="rule"/> against data already in the value model.</summary>
    public object? Evaluate(JsonNode? rule, object? data)
    {
        switch (rule)
        {
            case null:
                return null;
            case JsonArray array:
                return array.Select(item => Evaluate(item, data)).ToList();
            case JsonObject obj when obj.Count == 1:
                var (name, argsNode) = obj.First();
                return Operate(name, argsNode, data);
            default:
                return FromJson(rule);
        }
    }

    private object? Operate(string name, JsonNode? argsNode, object? data)
    {
        var rawArgs = argsNode is JsonArray array ? array.ToList() : [argsNode];
        switch (name)
        {
            case "if" or "?:":
                return If(rawArgs, data);
            case "and":
                return AndOr(rawArgs, data, stopWhen: false);
            case "or":
                return AndOr(rawArgs, data, stopWhen: true);
            case "map" or "filter" or "all" or "some" or "none" or "reduce":
                return Iterate(name, rawArgs, data);
        }

        if (!_operators.TryGetValue(name, out var op))
        {
            throw new JsonLogicException($"Unrecognized operation '{name}'.");
        }

        var args = rawArgs.Select(a => Evaluate(a, data)).ToList();
        return op(args, data);
    }

    private object? If(List<JsonNode?> args, object? data)
    {
        var i = 0;
        for (; i + 1 < args.Count; i += 2)
        {
            if (Truthy(Evaluate(args[i], data)))
            {
                return Evaluate(args[i + 1], data);
            }
        }

        return i < args.Count ? Evaluate(args[i], data) : null;
    }

    private object? AndOr(List<JsonNode?> args, object? data, bool stopWhen)
    {
        object? current = null;
        foreach (var arg in args)
        {
            current = Evaluate(arg, data);
            if (Truthy(current) == stopWhen)
            {
                return current;
            }
        }

        return current;
    }

    private object? Iterate(string name, List<JsonNode?> args, object? data)
    {
        var items = Evaluate(args.ElementAtOrDefault(0), data) as List<object?> ?? [];
        var logic = args.ElementAtOrDefault(1);
        switch (name)
        {
            case "map":
                return items.Select(item => Evaluate(logic, item)).ToList();
            case "filter":
                return items.Where(item => Truthy(Evaluate(logic, item))).ToList();
            case "all":
                return items.Count > 0 && items.All(item => Truthy(Evaluate(logic, item)));
            case "some":
                return items.Any(item => Truthy(Evaluate(logic, item)));
            case "none":
                return !items.Any(item => Truthy(Evaluate(logic, item)));
            default:
                var accumulator = Evaluate(args.ElementAtOrDefault(2), data);
                foreach (var item in items)
                {
                    var scope = new Dictionary<string, object?>(StringComparer.Ordinal) { ["current"] = item, ["accumulator"] = accumulator };
                    accumulator = Evaluate(logic, scope);
                }

                return accumulator;
        }
    }

    private static object? Var(IReadOnlyList<object?> args, object? data)
    {
        var path = Arg(args, 0);
        var fallback = Arg(args, 1);
        if (path is null || path is string { Length: 0 })
        {
            return data;
        }

        var found = Lookup(data, ToJsString(path), out var value);
        return found && value is not null ? value : fallback;
    }

    /// <summary>Reads a dotted path ("user.name", "items.0") from data.</summary>
    public static bool Lookup(object? data, string path, out object? value)
    {
        value = data;
        foreach (var segment in path.Split('.'))
        {
            switch (value)
            {
                case Dictionary<string, object?> dict when dict.TryGetValue(segment, out var next):
                    value = next;
                    break;
                case List<object?> list when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count:
                    value = list[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    private static List<object?> Missing(IReadOnlyList<object?> args, object? data)
    {
        var keys = args.Count > 0 && args[0] is List<object?> list ? list : args;
        return keys.Where(key => !Lookup(data, ToJsString(key), out var v) || v is null or string { Length: 0 }).ToList();
    }

    private static object? MissingSome(IReadOnlyList<object?> args, object? data)
    {
        var need = ToNumber(Arg(args, 0));
        var keys = Arg(args, 1) as List<object?> ?? [];
        var missing = Missing([keys], data);
        return keys.Count - missing.Count >= need ? new List<object?>() : missing;
    }

    private static bool In(object? needle, object? haystack) => haystack switch
    {
        string s => s.Contains(ToJsString(needle), StringComparison.Ordinal),
        List<object?> list => list.Any(item => StrictEquals(item, needle)),
        _ => false,
    };

    private static object? Number(double d) => double.IsNaN(d) || double.IsInfinity(d) ? null : d;

    private static object? Arg(IReadOnlyList<object?> args, int index) => index < args.Count ? args[index] : null;
}
