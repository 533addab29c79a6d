using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deploy.Generator.Tests;

/// <summary>
/// Kubernetes objects parsed from a multi-document YAML stream, each as canonical JSON (keys
/// sorted, plain scalars typed as YAML 1.2 core does), so two renderings compare by content.
/// </summary>
internal static partial class RenderedObjects
{
    public static SortedDictionary<string, string> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root || root.Children.Count == 0)
            {
                continue;
            }
            var canonical = (SortedDictionary<string, object?>)Canonical(root)!;
            var metadata = (SortedDictionary<string, object?>)canonical["metadata"]!;
            var key = $"{canonical["apiVersion"]}/{canonical["kind"]}/{metadata.GetValueOrDefault("namespace")}/{metadata["name"]}";
            Assert.True(objects.TryAdd(key, JsonSerializer.Serialize(canonical)), $"{key} appears twice.");
        }
        return objects;
    }

    /// <summary>Every object as a JSON element, for policy assertions.</summary>
    public static List<JsonElement> Elements(string yaml) =>
        [.. Parse(yaml).Values.Select(j => JsonDocument.Parse(j).RootElement.Clone())];

    private static object? Canonical(YamlNode node) => node switch
    {
        YamlMappingNode map => new SortedDictionary<string, object?>(
            map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Canonical(p.Value)), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(Canonical).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Typed(scalar.Value!),
        YamlScalarNode scalar => scalar.Value,
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    private static object? Typed(string value) => value switch
    {
        "null" or "~" or "" => null,
        "true" => true,
        "false" => false,
        _ when Integer().IsMatch(value) => long.Parse(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex Integer();
}
