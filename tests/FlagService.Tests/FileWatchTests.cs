using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace FlagService.Tests;

public class FileWatchTests
{
    private static async Task<string?> DefaultVariantOf(FlagServiceHost host, string key)
    {
        var flags = await host.Client.GetFromJsonAsync<JsonArray>("/api/flags");
        return (string?)flags!.SingleOrDefault(f => (string?)f!["key"] == key)?["defaultVariant"];
    }

    internal static string WithDefault(string flagsJson, string key, string variant)
    {
        var document = JsonNode.Parse(flagsJson)!;
        document["flags"]![key]!["defaultVariant"] = variant;
        return document.ToJsonString();
    }

    private static async Task<TimeSpan> WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }

    [Fact]
    public async Task An_edit_in_place_applies_within_two_seconds()
    {
        await using var host = FlagServiceHost.Start();

        await File.WriteAllTextAsync(host.FlagFile, WithDefault(FlagServiceHost.DemoFlags, "cartFailure", "on"));
        var elapsed = await WaitUntil(async () => await DefaultVariantOf(host, "cartFailure") == "on", TimeSpan.FromSeconds(5));

        Assert.Equal("on", await DefaultVariantOf(host, "cartFailure"));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"applied after {elapsed}");
    }

    [Fact]
    public async Task A_file_replaced_by_rename_applies_within_two_seconds()
    {
        await using var host = FlagServiceHost.Start();
        var temp = Path.Combine(host.Directory, "editor-save.tmp");

        await File.WriteAllTextAsync(temp, WithDefault(FlagServiceHost.DemoFlags, "paymentFailure", "75%"));
        File.Move(temp, host.FlagFile, overwrite: true);
        var elapsed = await WaitUntil(async () => await DefaultVariantOf(host, "paymentFailure") == "75%", TimeSpan.FromSeconds(5));

        Assert.Equal("75%", await DefaultVariantOf(host, "paymentFailure"));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"applied after {elapsed}");
    }

    [Theory]
    [InlineData("{ \"flags\": ")]
    [InlineData("""{"flags": {"cartFailure": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "maybe"}}}""")]
    [InlineData("""{"flags": {"cartFailure": {"state": "SOMETIMES", "variants": {"on": true, "off": false}, "defaultVariant": "on"}}}""")]
    public async Task An_invalid_edit_is_rejected_and_the_last_good_flags_stay(string invalid)
    {
        await using var host = FlagServiceHost.Start();

        await File.WriteAllTextAsync(host.FlagFile, invalid);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var evaluation = await host.Client.PostAsync("/ofrep/v1/evaluate/flags/cartFailure", JsonContent.Create(new { }));
        var body = await evaluation.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(FlagKeys.All.Count, (await host.Client.GetFromJsonAsync<JsonArray>("/api/flags"))!.Count);
        Assert.Equal(("off", "false"), ((string?)body!["variant"], body["value"]!.ToJsonString()));
    }

    [Fact]
    public async Task An_invalid_edit_is_logged_with_the_reason()
    {
        await using var host = FlagServiceHost.Start();

        await File.WriteAllTextAsync(host.FlagFile, """{"flags": {"cartFailure": {"state": "ENABLED", "variants": {"on": true}, "defaultVariant": "maybe"}}}""");
        await WaitUntil(() => Task.FromResult(host.Logs.Any(l => l.Contains("Rejected flag file"))), TimeSpan.FromSeconds(3));

        var line = Assert.Single(host.Logs, l => l.Contains("Rejected flag file"));
        Assert.Contains(host.FlagFile, line);
        Assert.Contains("defaultVariant 'maybe' is not one of its variants (on)", line);
        Assert.Contains("last good flags stay in force", line);
    }

    [Theory]
    [InlineData("{ broken", "not valid JSON")]
    [InlineData("""{"flags": {"cartFailure": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off", "targeting": {"nosuchop": [1]}}}}""", "unknown operator 'nosuchop'")]
    [InlineData("""{"flags": {"cartFailure": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "maybe"}}}""", "defaultVariant 'maybe' is not one of its variants")]
    public async Task A_rejected_edit_keeps_the_last_good_flags_and_says_why(string edit, string reason)
    {
        await using var host = FlagServiceHost.Start();
        var before = await host.Client.GetStringAsync("/api/flags");

        await File.WriteAllTextAsync(host.FlagFile, edit);
        await WaitUntil(() => Task.FromResult(host.Logs.Any(l => l.Contains("Rejected flag file"))), TimeSpan.FromSeconds(3));

        Assert.Contains(host.Logs, l => l.Contains("Rejected flag file") && l.Contains(reason) && l.Contains("last good flags stay in force"));
        Assert.Equal(before, await host.Client.GetStringAsync("/api/flags"));
    }

    [Fact]
    public async Task Health_is_degraded_while_the_file_is_rejected_and_healthy_after_a_fix()
    {
        await using var host = FlagServiceHost.Start();

        await File.WriteAllTextAsync(host.FlagFile, "{ broken");
        await WaitUntil(async () => await host.Client.GetStringAsync("/health") == "Degraded", TimeSpan.FromSeconds(3));
        var whileBroken = await host.Client.GetStringAsync("/health");
        await File.WriteAllTextAsync(host.FlagFile, FlagServiceHost.DemoFlags);
        await WaitUntil(async () => await host.Client.GetStringAsync("/health") == "Healthy", TimeSpan.FromSeconds(3));

        Assert.Equal("Degraded", whileBroken);
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task A_valid_edit_after_an_invalid_one_applies()
    {
        await using var host = FlagServiceHost.Start();
        await File.WriteAllTextAsync(host.FlagFile, "{ broken");
        await Task.Delay(TimeSpan.FromSeconds(1));

        await File.WriteAllTextAsync(host.FlagFile, WithDefault(FlagServiceHost.DemoFlags, "checkoutPeakMode", "on"));
        await WaitUntil(async () => await DefaultVariantOf(host, "checkoutPeakMode") == "on", TimeSpan.FromSeconds(3));

        Assert.Equal("on", await DefaultVariantOf(host, "checkoutPeakMode"));
    }

    [Fact]
    public async Task A_file_edit_is_audited()
    {
        await using var host = FlagServiceHost.Start();

        await File.WriteAllTextAsync(host.FlagFile, WithDefault(FlagServiceHost.DemoFlags, "failedReadinessProbe", "on"));
        await WaitUntil(async () => await DefaultVariantOf(host, "failedReadinessProbe") == "on", TimeSpan.FromSeconds(3));
        var entries = await host.Client.GetFromJsonAsync<JsonArray>("/api/flags/audit");

        var entry = Assert.Single(entries!);
        Assert.Equal(("failedReadinessProbe", "off", "on", "file"), ((string?)entry!["flag"], (string?)entry["old"], (string?)entry["new"], (string?)entry["who"]));
    }

    [Fact]
    public async Task Startup_with_an_invalid_file_fails_naming_the_file_and_the_reason()
    {
        await using var host = FlagServiceHost.Create("""{"flags": {"x": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "zzz"}}}""");

        var error = Assert.ThrowsAny<Exception>(host.StartServer);

        var message = error.ToString();
        Assert.Contains(host.FlagFile, message);
        Assert.Contains("defaultVariant 'zzz' is not one of its variants", message);
    }
}
