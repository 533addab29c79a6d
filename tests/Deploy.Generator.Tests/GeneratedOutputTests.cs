namespace Deploy.Generator.Tests;

public sealed class GeneratedOutputTests
{
    [Theory]
    [InlineData("kustomize")]
    [InlineData("helm")]
    public void Same_manifest_gives_byte_identical_files(string format)
    {
        using var first = Repository.TempDirectory();
        using var second = Repository.TempDirectory();

        Cli.GenerateFixture(first.Path, format);
        Cli.GenerateFixture(second.Path, format);

        var a = Snapshot(first.Path);
        var b = Snapshot(second.Path);
        Assert.NotEmpty(a);
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, file => Assert.True(file.Value.SequenceEqual(b[file.Key]), $"{file.Key} differs between two runs."));
    }

    [Fact]
    public void Regenerating_over_an_older_tree_removes_files_no_longer_generated()
    {
        using var output = Repository.TempDirectory();
        var stale = Path.Combine(output.Path, "base", "gone", "deployment.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "old");
        File.WriteAllText(Path.Combine(output.Path, "README.md"), "kept");

        Cli.GenerateFixture(output.Path);

        Assert.False(File.Exists(stale));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(output.Path, "README.md")));
    }

    [Theory]
    [InlineData("deploy/k8s", "kustomize")]
    [InlineData("deploy/chart/platform", "helm")]
    public void Committed_tree_equals_a_fresh_generation(string committed, string format)
    {
        var committedRoot = Repository.Path(committed);
        var record = Platform.Deploy.GenerationRecord.Read(Path.Combine(committedRoot, Platform.Deploy.GenerationRecord.FileName));
        using var fresh = Repository.TempDirectory();

        string[] args =
        [
            "--from-generation", Path.Combine(committedRoot, Platform.Deploy.GenerationRecord.FileName),
            "--aspire-manifest", Repository.Path(record.AspireManifest),
            "--output-format", format,
            "--output-path", fresh.Path,
            "--non-interactive",
        ];
        var (exit, _, error) = Cli.Run(args);
        Assert.True(exit == 0, error);

        var expected = Snapshot(fresh.Path);
        var actual = Snapshot(committedRoot);
        actual.Remove("README.md");
        // The record names the manifest as given on the command line; compare the rest byte for byte.
        expected.Remove(Platform.Deploy.GenerationRecord.FileName);
        actual.Remove(Platform.Deploy.GenerationRecord.FileName);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, file => Assert.True(file.Value.SequenceEqual(actual[file.Key]),
            $"{committed}/{file.Key} differs from what the generator writes now: run `{RegenerateCommand(format)}`."));
    }

    private static string RegenerateCommand(string format) => format == "helm"
        ? "dotnet run --project tools/Platform.Deploy -- --from-generation deploy/chart/platform/generation.json --output-format helm"
        : "dotnet run --project tools/Platform.Deploy -- --from-generation deploy/k8s/generation.json";

    internal static SortedDictionary<string, byte[]> Snapshot(string root) => new(
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            File.ReadAllBytes),
        StringComparer.Ordinal);
}
