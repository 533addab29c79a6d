using System.Diagnostics;
using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>services/Directory.Build.props gives every service, the Kafka ones included, a non-root
/// image on the pinned chiseled base (Confluent.Kafka ships its own glibc-only librdkafka).</summary>
public class ContainerImageSettingsTests
{
    [Fact]
    public async Task Kafka_services_and_others_get_the_same_pinned_chiseled_image()
    {
        var checkout = await EvaluateAsync("Checkout");
        var accounting = await EvaluateAsync("Accounting");
        var cart = await EvaluateAsync("Cart");

        Assert.All(new[] { checkout, accounting, cart }, p => Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:\d+\.\d+\.\d+-noble-chiseled$", p["ContainerBaseImage"]));
        Assert.Equal("acme/platform-checkout", checkout["ContainerRepository"]);
        Assert.Equal("acme/platform-cart", cart["ContainerRepository"]);
        Assert.All(new[] { checkout, accounting, cart }, p => Assert.Equal("1654", p["ContainerUser"]));
        Assert.All(new[] { checkout, accounting, cart }, p => Assert.Equal("net10.0", p["TargetFramework"]));
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
