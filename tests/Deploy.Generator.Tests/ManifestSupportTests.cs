using Platform.Deploy;
using Platform.Deploy.Manifest;
using Platform.Deploy.Model;

namespace Deploy.Generator.Tests;

public sealed class ManifestSupportTests
{
    [Fact]
    public void Unsupported_type_is_an_error_naming_the_resource_and_the_type()
    {
        var manifest = AspireManifest.Parse("""{"resources": {"worker": {"type": "executable.v0", "command": "redis-server"}}}""");

        var error = Assert.Throws<GeneratorException>(() => DeployModel.From(manifest));

        Assert.Contains("'worker'", error.Message);
        Assert.Contains("executable.v0", error.Message);
        Assert.Contains("Supported:", error.Message);
    }

    [Fact]
    public void Container_of_an_unknown_image_is_an_error_naming_the_image()
    {
        var manifest = AspireManifest.Parse("""{"resources": {"proxy": {"type": "container.v0", "image": "docker.io/library/nginx:1.29"}}}""");

        var error = Assert.Throws<GeneratorException>(() => DeployModel.From(manifest));

        Assert.Contains("'proxy'", error.Message);
        Assert.Contains("nginx:1.29", error.Message);
    }

    [Fact]
    public void Every_resource_of_the_platform_fixture_is_supported()
    {
        var model = DeployModel.From(AspireManifest.Load(Repository.Fixture("aspire-manifest.json")));

        Assert.Equal(7, model.Of(WorkloadKind.Project).Count());
        Assert.Equal(("postgres", "accountingdb"), model.Single(WorkloadKind.PostgresDatabase)!.Database);
        Assert.NotNull(model.Single(WorkloadKind.Redis));
        Assert.NotNull(model.Single(WorkloadKind.Kafka));
    }

    [Fact]
    public void Missing_manifest_tells_how_to_write_it()
    {
        var error = Assert.Throws<GeneratorException>(() => AspireManifest.Load("/nonexistent/aspire-manifest.json"));

        Assert.Contains("--publisher manifest", error.Message);
    }
}
