using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing.BadInput;

/// <summary>
/// Seeded random mutations of a valid JSON body, for the fuzz passes over the cart and checkout APIs:
/// drop or duplicate a field, give a value another type, a huge or negative number, odd Unicode, an
/// injection string, deep nesting; truncate the text or break its UTF-8. One to three mutations per
/// case. The same seed gives the same cases, so a failure is re-run with its seed.
/// </summary>
public sealed class JsonMutator(string validBody, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The seed CI runs, so a run is reproducible and a red build is never chance.</summary>
    public const int DefaultSeed = 20261201;

    /// <summary>
    /// The seed: <c>FUZZ_SEED</c> when set (a number re-runs a failure; <c>random</c> explores a new one,
    /// printed), otherwise <see cref="DefaultSeed"/>.
    /// </summary>
    public static int SeedFromEnvironment() => Environment.GetEnvironmentVariable("FUZZ_SEED") switch
    {
        "random" => Random.Shared.Next(),
        var value when int.TryParse(value, out var seed) => seed,
        _ => DefaultSeed,
    };

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => JsonValue.Create("two"),
        _ => JsonValue.Create(""),
        _ => null,
        _ => JsonValue.Create(true),
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(decimal.MaxValue),
        _ => JsonValue.Create(1.5),
        r => JsonValue.Create(new string('x', r.Next(1_000, 70_000))),
        _ => JsonValue.Create("' OR 1=1; DROP TABLE orders; --"),
        _ => JsonValue.Create("<script>alert(1)</script>"),
        _ => JsonValue.Create("\u0000\u001f\u200b\u202e\uFEFF"),
        _ => JsonValue.Create("😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽"),
        _ => JsonValue.Create("../../etc/passwd"),
        _ => JsonValue.Create("${jndi:ldap://127.0.0.1/a}"),
    ];

    /// <summary>The next mutated body and a short description of what was done to it.</summary>
    public (byte[] Body, string Description) Next()
    {
        var root = JsonNode.Parse(validBody)!;
        var steps = new List<string>();
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            steps.Add(MutateTree(ref root));
        }

        var text = root?.ToJsonString() ?? "null";
        // Some text-level damage the tree cannot express.
        switch (_random.Next(8))
        {
            case 0:
                var cut = _random.Next(text.Length);
                steps.Add($"truncate at {cut}");
                text = text[..cut];
                break;
            case 1:
                steps.Add("huge number literal");
                text = ReplaceFirstNumber(text, "123456789012345678901234567890");
                break;
            case 2:
                steps.Add("duplicate the first field");
                text = DuplicateFirstField(text);
                break;
            case 3:
                steps.Add("deep nesting");
                var depth = _random.Next(65, 2_000);
                text = text.Length > 1 && text[0] == '{'
                    ? "{\"deep\":" + new string('[', depth) + new string(']', depth) + "," + text[1..]
                    : new string('[', depth) + text + new string(']', depth);
                break;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 0 && _random.Next(10) == 0)
        {
            var at = _random.Next(bytes.Length);
            steps.Add($"invalid UTF-8 byte at {at}");
            bytes[at] = (byte)(_random.Next(2) == 0 ? 0xFF : 0xC3);
        }

        return (bytes, string.Join("; ", steps));
    }

    private string MutateTree(ref JsonNode? root)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        if (containers.Count == 0 || _random.Next(20) == 0)
        {
            var replacement = Pick();
            root = replacement;
            return $"body := {Show(replacement)}";
        }

        var container = containers[_random.Next(containers.Count)];
        if (container is JsonObject obj && obj.Count > 0)
        {
            var name = obj.ElementAt(_random.Next(obj.Count)).Key;
            switch (_random.Next(3))
            {
                case 0:
                    obj.Remove(name);
                    return $"drop {container.GetPath()}.{name}";
                case 1:
                    obj["extra" + _random.Next(100)] = Pick();
                    return $"extra field in {container.GetPath()}";
                default:
                    var value = Pick();
                    obj[name] = value;
                    return $"{container.GetPath()}.{name} := {Show(value)}";
            }
        }

        if (container is JsonArray array && array.Count > 0)
        {
            var index = _random.Next(array.Count);
            var value = Pick();
            array[index] = value;
            return $"{container.GetPath()}[{index}] := {Show(value)}";
        }

        return "no-op";
    }

    private JsonNode? Pick() => Replacements[_random.Next(Replacements.Length)](_random);

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        switch (node)
        {
            case JsonObject obj:
                into.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, into);
                }
                break;
            case JsonArray array:
                into.Add(array);
                foreach (var child in array)
                {
                    Collect(child, into);
                }
                break;
        }
    }

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 40 ? $"{text[..20]}…({text.Length} chars)" : text;
    }

    private static string ReplaceFirstNumber(string text, string literal)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '-'))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '-' or '.' or 'e' or 'E' or '+'))
                {
                    end++;
                }
                return text[..(i + 1)] + literal + text[end..];
            }
        }
        return text;
    }

    private static string DuplicateFirstField(string text)
    {
        using var document = JsonDocument.Parse(text.Length > 0 ? text : "null", new JsonDocumentOptions { MaxDepth = 10_000 });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return text;
        }
        var first = document.RootElement.EnumerateObject().FirstOrDefault();
        return first.Value.ValueKind == JsonValueKind.Undefined
            ? text
            : "{" + JsonSerializer.Serialize(first.Name) + ":" + first.Value.GetRawText() + "," + text[1..];
    }
}
