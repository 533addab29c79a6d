namespace Deploy.Generator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_lists_the_aspirate_options()
    {
        var (exit, output, _) = Cli.Run("--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--output-path", "--container-registry", "--container-image-tag", "--namespace", "--output-format", "--non-interactive", "--apphost" })
        {
            Assert.Contains(option, output);
        }
    }

    [Fact]
    public void Missing_registry_in_non_interactive_mode_names_the_option_and_the_fix()
    {
        var (exit, _, error) = Cli.Run("--container-image-tag", "abc123", "--non-interactive", "-m", Repository.Fixture("aspire-manifest.json"));

        Assert.Equal(1, exit);
        Assert.Contains("--container-registry is required", error);
        Assert.Contains("ghcr.io/", error);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("has space")]
    public void Unpinned_image_tag_is_refused(string tag)
    {
        var (exit, _, error) = Cli.Run("--container-registry", "ghcr.io/acme", "--container-image-tag", tag, "--non-interactive", "-m", Repository.Fixture("aspire-manifest.json"));

        Assert.Equal(1, exit);
        Assert.Contains("--container-image-tag", error);
    }

    [Fact]
    public void Unknown_output_format_is_refused_by_the_parser()
    {
        var (exit, _, error) = Cli.Run("--output-format", "jsonnet", "--container-registry", "ghcr.io/acme", "--container-image-tag", "abc", "--non-interactive");

        Assert.NotEqual(0, exit);
        Assert.Contains("jsonnet", error);
    }

    [Fact]
    public void From_generation_reuses_the_recorded_options_and_the_command_line_overrides_them()
    {
        using var first = Repository.TempDirectory();
        using var second = Repository.TempDirectory();
        Cli.GenerateFixture(first.Path);

        var (exit, _, error) = Cli.Run("--from-generation", Path.Combine(first.Path, "generation.json"), "--container-image-tag", "fedcba98", "-o", second.Path, "--non-interactive");

        Assert.True(exit == 0, error);
        var deployment = File.ReadAllText(Path.Combine(second.Path, "base", "cart", "deployment.yaml"));
        Assert.Contains("image: ghcr.io/acme/platform-cart:fedcba98", deployment);
        var flagservice = File.ReadAllText(Path.Combine(second.Path, "overlays", "prod", "kustomization.yaml"));
        Assert.DoesNotContain("deployment-flagservice", flagservice);
    }

    [Fact]
    public void Apphost_that_does_not_exist_names_the_option_and_an_example()
    {
        var (exit, _, error) = Cli.Run("--apphost", "/nonexistent/AppHost", "--container-registry", "ghcr.io/acme", "--container-image-tag", "abc123", "--non-interactive");

        Assert.Equal(1, exit);
        Assert.Contains("--apphost '/nonexistent/AppHost'", error);
        Assert.Contains("--apphost AppHost", error);
    }

    [Fact]
    public void Single_replica_naming_no_resource_is_refused()
    {
        using var output = Repository.TempDirectory();

        var (exit, _, error) = Cli.Run("-m", Repository.Fixture("aspire-manifest.json"), "--container-registry", "ghcr.io/acme", "--container-image-tag", "abc123",
            "--single-replica", "flagsrevice", "-o", output.Path, "--non-interactive");

        Assert.Equal(1, exit);
        Assert.Contains("flagsrevice", error);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }
}
