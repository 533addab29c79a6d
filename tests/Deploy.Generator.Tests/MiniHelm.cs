using System.Text;
using YamlDotNet.RepresentationModel;

namespace Deploy.Generator.Tests;

/// <summary>
/// A minimal Helm renderer for a chart that needs nothing beyond values: it understands exactly
/// two Go template actions, <c>{{ .Values.a.b }}</c> (looked up in values.yaml) and a raw string
/// literal <c>{{`...`}}</c>, and fails on anything else, so a chart that grows real template
/// logic cannot pass the comparison by accident.
/// </summary>
internal static class MiniHelm
{
    public static string Render(string chartDirectory)
    {
        var values = Load(File.ReadAllText(Path.Combine(chartDirectory, "values.yaml")));
        var text = new StringBuilder();
        foreach (var template in Directory.GetFiles(Path.Combine(chartDirectory, "templates"), "*.yaml").Order(StringComparer.Ordinal))
        {
            text.Append(RenderTemplate(File.ReadAllText(template), values, Path.GetFileName(template))).Append('\n');
        }
        return text.ToString();
    }

    public static string RenderTemplate(string template, YamlMappingNode values, string name = "template")
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                return text.Append(template, at, template.Length - at).ToString();
            }
            text.Append(template, at, open - at);
            var i = open + 2;
            while (i < template.Length && template[i] == ' ')
            {
                i++;
            }

            string value;
            if (template[i] == '`')
            {
                var end = template.IndexOf('`', i + 1);
                value = template[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = template.IndexOf("}}", i, StringComparison.Ordinal);
                var action = template[i..end].Trim();
                value = action.StartsWith(".Values.", StringComparison.Ordinal)
                    ? Lookup(values, action[".Values.".Length..], name)
                    : throw new NotSupportedException($"{name}: template action '{{{{ {action} }}}}' is more than a values substitution.");
                i = end;
            }

            while (i < template.Length && template[i] == ' ')
            {
                i++;
            }
            if (!template.AsSpan(i).StartsWith("}}"))
            {
                throw new NotSupportedException($"{name}: unterminated or compound template action at offset {open}.");
            }
            text.Append(value);
            at = i + 2;
        }
    }

    public static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Lookup(YamlMappingNode values, string path, string name)
    {
        YamlNode node = values;
        foreach (var segment in path.Split('.'))
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(segment), out var child)
                ? child
                : throw new KeyNotFoundException($"{name}: .Values.{path} is not in values.yaml.");
        }
        return node is YamlScalarNode scalar ? scalar.Value! : throw new NotSupportedException($"{name}: .Values.{path} is not a scalar.");
    }
}
