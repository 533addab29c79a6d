using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Deploy.Manifest;
using Platform.Deploy.Model;
using Platform.Deploy.Objects;
using Platform.Deploy.Output;

namespace Platform.Deploy;

/// <summary>The output formats, named as Aspirate names them.</summary>
internal enum OutputFormat
{
    Kustomize,
    Helm,
}

/// <summary>What was generated from which options: written as <c>generation.json</c> beside the output, so a regeneration (the tag bump, the test) uses the same.</summary>
internal sealed record GenerationRecord(
    string AspireManifest,
    string ContainerRegistry,
    string ContainerImageTag,
    string Namespace,
    IReadOnlyList<string> SingleReplica,
    string IngressSourceCidr,
    IReadOnlyList<string>? IngressHosts = null)
{
    public const string FileName = "generation.json";

    public static GenerationRecord Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), GenerationJsonContext.Default.GenerationRecord)
                ?? throw new GeneratorException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new GeneratorException($"{path} is not a generation record: {e.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, GenerationJsonContext.Default.GenerationRecord).ReplaceLineEndings("\n") + "\n";
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GenerationRecord))]
internal sealed partial class GenerationJsonContext : JsonSerializerContext;

/// <summary>Reads the manifest and produces the files of one output format.</summary>
internal static class Generator
{
    public static (GeneratedFiles Files, IReadOnlyList<string> Notes) Generate(AspireManifest manifest, GeneratorOptions options, OutputFormat format, string manifestPathForRecord)
    {
        var model = DeployModel.From(manifest);
        var files = format == OutputFormat.Kustomize ? KustomizeWriter.Write(model, options) : HelmWriter.Write(model, options);
        var record = new GenerationRecord(manifestPathForRecord, options.ContainerRegistry, options.ContainerImageTag, options.Namespace, options.SingleReplica, options.IngressSourceCidr, options.IngressHosts);
        files.Add(GenerationRecord.FileName, record.ToJson());
        var notes = EnvironmentProfile.All.SelectMany(p => ObjectPlan.Build(model, options, p, helm: false).Notes).Distinct().ToList();
        return (files, notes);
    }

    public static IEnumerable<string> OwnedFolders(OutputFormat format) =>
        format == OutputFormat.Kustomize ? KustomizeWriter.OwnedFolders : HelmWriter.OwnedFolders;
}
