using Platform.Deploy.Cli;

namespace Deploy.Generator.Tests;

/// <summary>Runs the generator's command line in process, capturing what it prints.</summary>
internal static class Cli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = GenerateCommand.Create(output, error, new StringReader(""), canPrompt: false);
        var exit = command.Parse(args).Invoke(new() { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Generates from the test fixture with fixed options into <paramref name="outputPath"/>.</summary>
    public static void GenerateFixture(string outputPath, string format = "kustomize")
    {
        var (exit, _, error) = Run(
            "--aspire-manifest", Repository.Fixture("aspire-manifest.json"),
            "--container-registry", "ghcr.io/acme",
            "--container-image-tag", "0123abcd",
            "--single-replica", "flagservice",
            "--output-format", format,
            "--output-path", outputPath,
            "--non-interactive");
        Assert.True(exit == 0, error);
    }
}
