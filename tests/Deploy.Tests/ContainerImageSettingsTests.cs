using System.Diagnostics;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>services/Directory.Build.props gives every service a non-root image on a pinned base,
/// and the Kafka services a base image that carries librdkafka.</summary>
public class ContainerImageSettingsTests
{
    [Fact]
    public async Task Kafka_services_get_the_librdkafka_runtime_image_and_others_the_pinned_chiseled_image()
    {
        var checkout = await EvaluateAsync("Checkout");
        var cart = await EvaluateAsync("Cart");

        Assert.Equal("ghcr.io/acme/platform-dotnet-kafka-runtime@sha256:0123", checkout["ContainerBaseImage"]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:\d+\.\d+\.\d+-noble-chiseled$", cart["ContainerBaseImage"]);
        Assert.Equal("acme/platform-checkout", checkout["ContainerRepository"]);
        Assert.Equal("acme/platform-cart", cart["ContainerRepository"]);
        Assert.All(new[] { checkout, cart }, p => Assert.Equal("1654", p["ContainerUser"]));
        Assert.All(new[] { checkout, cart }, p => Assert.Equal("net10.0", p["TargetFramework"]));
    }

    [Fact]
    public void Kafka_runtime_image_installs_librdkafka_and_runs_as_non_root()
    {
        var dockerfile = File.ReadAllText(Path.Combine(DeployChecks.RepoRoot, "build", "containers", "kafka-runtime", "Dockerfile"));

        Assert.Contains("apt-get install -y --no-install-recommends librdkafka1", dockerfile);
        Assert.Matches(@"(?m)^USER 1654$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:\$\{ASPNET_VERSION\}-noble$", dockerfile);
    }

    // Evaluation only (no build): the properties the SDK's PublishContainer target reads.
    private static async Task<Dictionary<string, string>> EvaluateAsync(string service)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DeployChecks.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "msbuild", $"services/{service}/{service}.csproj", "-nologo",
            "-p:PlatformContainerOwner=Acme",
            "-p:PlatformKafkaRuntimeImage=ghcr.io/acme/platform-dotnet-kafka-runtime@sha256:0123",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerRepository",
            "-getProperty:ContainerUser", "-getProperty:TargetFramework",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"msbuild evaluation of {service} failed: {stdout}{stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
