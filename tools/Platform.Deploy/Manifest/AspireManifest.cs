using System.Text.Json;

namespace Platform.Deploy.Manifest;

/// <summary>One endpoint of a resource (<c>bindings.&lt;name&gt;</c> in the manifest).</summary>
internal sealed record ManifestBinding(string Name, string Scheme, string Protocol, string Transport, int? TargetPort, int? Port, bool External);

/// <summary>
/// One resource of an Aspire manifest (https://aspire.dev/deployment/manifest-format): its type
/// (<c>project.v0</c>, <c>container.v0</c>, ...) and the fields the generator reads. Values keep
/// their <c>{resource.property}</c> expressions; <see cref="Model.ExpressionResolver"/> resolves them.
/// </summary>
internal sealed record ManifestResource(
    string Name,
    string Type,
    string? Path,
    string? Image,
    string? ConnectionString,
    string? Value,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, ManifestBinding> Bindings,
    ParameterInput? Input,
    string? Filter = null);

/// <summary>The <c>inputs.value</c> of a <c>parameter.v0</c>: secret or not, and its default.</summary>
internal sealed record ParameterInput(bool Secret, string? DefaultValue, bool Generated);

/// <summary>An Aspire manifest (<c>aspire-manifest.json</c>), resources sorted by name.</summary>
internal sealed class AspireManifest
{
    private AspireManifest(IReadOnlyDictionary<string, ManifestResource> resources) => Resources = resources;

    public IReadOnlyDictionary<string, ManifestResource> Resources { get; }

    public static AspireManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeneratorException($"The Aspire manifest '{path}' does not exist. Write it with `dotnet run --project AppHost -- --publisher manifest --output-path {path}`, or pass --apphost to let the generator do it.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static AspireManifest Parse(string json, string source = "aspire-manifest.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new GeneratorException($"{source} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
            {
                throw new GeneratorException($"{source} has no \"resources\" object: it is not an Aspire manifest.");
            }

            var result = new SortedDictionary<string, ManifestResource>(StringComparer.Ordinal);
            foreach (var resource in resources.EnumerateObject())
            {
                result.Add(resource.Name, ReadResource(resource.Name, resource.Value, source));
            }
            return new AspireManifest(result);
        }
    }

    private static ManifestResource ReadResource(string name, JsonElement element, string source)
    {
        var type = String(element, "type") ?? throw new GeneratorException($"{source}: resource '{name}' has no \"type\".");
        return new ManifestResource(
            name,
            type,
            String(element, "path"),
            String(element, "image"),
            String(element, "connectionString"),
            String(element, "value"),
            ReadEnv(element),
            ReadArgs(element),
            ReadBindings(element),
            ReadInput(element),
            String(element, "filter"));
    }

    private static SortedDictionary<string, string> ReadEnv(JsonElement element)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("env", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                env[value.Name] = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : value.Value.GetRawText();
            }
        }
        return env;
    }

    private static List<string> ReadArgs(JsonElement element) =>
        element.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? [.. args.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText())]
            : [];

    private static SortedDictionary<string, ManifestBinding> ReadBindings(JsonElement element)
    {
        var bindings = new SortedDictionary<string, ManifestBinding>(StringComparer.Ordinal);
        if (element.TryGetProperty("bindings", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var binding in values.EnumerateObject())
            {
                var b = binding.Value;
                bindings[binding.Name] = new ManifestBinding(
                    binding.Name,
                    String(b, "scheme") ?? "tcp",
                    String(b, "protocol") ?? "tcp",
                    String(b, "transport") ?? String(b, "scheme") ?? "tcp",
                    Int(b, "targetPort"),
                    Int(b, "port"),
                    b.TryGetProperty("external", out var external) && external.ValueKind == JsonValueKind.True);
            }
        }
        return bindings;
    }

    private static ParameterInput? ReadInput(JsonElement element)
    {
        if (!element.TryGetProperty("inputs", out var inputs) || !inputs.TryGetProperty("value", out var value))
        {
            return null;
        }
        var secret = value.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.True;
        string? defaultValue = null;
        var generated = false;
        if (value.TryGetProperty("default", out var d))
        {
            defaultValue = String(d, "value");
            generated = d.TryGetProperty("generate", out _);
        }
        return new ParameterInput(secret, defaultValue, generated);
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
