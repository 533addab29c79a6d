using Platform.Contracts;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FlagService.Tests;

/// <summary>
/// <c>Flags:DefaultsFile</c>: a working copy (<c>Flags:File</c>) is created from the defaults when
/// missing and gets every flag added to the defaults later, without losing the copy's own state.
/// Real files in a temporary directory, the real FlagService.
/// </summary>
public class FlagDefaultsTests
{
    private const string NewFlag = "currencyFailure";

    /// <summary>The shipped demo file plus one new flag whose targeting uses a new evaluator.</summary>
    private static string DefaultsWithNewFlag()
    {
        var document = JsonNode.Parse(FlagServiceHost.DemoFlags)!;
        document["$evaluators"] = new JsonObject { ["isStaff"] = JsonNode.Parse("""{ "ends_with": [ {"var": "email"}, "@example.com" ] }""") };
        document["flags"]![NewFlag] = JsonNode.Parse("""
            { "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
              "targeting": { "if": [ {"$ref": "isStaff"}, "on", null ] } }
            """);
        return document.ToJsonString();
    }

    private static string WithDefault(string flagsJson, string key, string variant)
    {
        var document = JsonNode.Parse(flagsJson)!;
        document["flags"]![key]!["defaultVariant"] = variant;
        return document.ToJsonString();
    }

    private static async Task<Dictionary<string, string?>> DefaultVariants(FlagServiceHost host) =>
        (await host.Client.GetFromJsonAsync<JsonArray>("/api/flags"))!.ToDictionary(f => (string)f!["key"]!, f => (string?)f!["defaultVariant"]);

    [Fact]
    public async Task A_missing_copy_is_created_from_the_defaults()
    {
        await using var host = FlagServiceHost.CreateWithDefaults(FlagServiceHost.DemoFlags, copyJson: null);

        host.CreateClient();
        var flags = await DefaultVariants(host);

        Assert.Equal(FlagServiceHost.DemoFlags, await File.ReadAllTextAsync(host.FlagFile));
        Assert.Equal(FlagKeys.All.Count, flags.Count);
        Assert.Contains(host.Logs, l => l.Contains($"Created flag file {host.FlagFile} from the defaults {host.DefaultsFile} ({FlagKeys.All.Count} flags)"));
    }

    [Fact]
    public async Task A_flag_new_in_the_defaults_is_added_and_the_copy_keeps_its_variants()
    {
        var copy = WithDefault(WithDefault(FlagServiceHost.DemoFlags, "paymentFailure", "50%"), "cartFailure", "on");
        await using var host = FlagServiceHost.CreateWithDefaults(DefaultsWithNewFlag(), copy);

        host.CreateClient();
        var flags = await DefaultVariants(host);
        using var staff = await host.Client.PostAsJsonAsync($"/ofrep/v1/evaluate/flags/{NewFlag}", new { context = new { email = "ops@example.com" } });
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(host.FlagFile))!;

        Assert.Equal(FlagKeys.All.Count + 1, flags.Count);
        Assert.Equal("off", flags[NewFlag]);
        Assert.Equal("50%", flags["paymentFailure"]);
        Assert.Equal("on", flags["cartFailure"]);
        Assert.Equal("off", flags["paymentUnreachable"]);
        Assert.Equal("on", (string?)(await staff.Content.ReadFromJsonAsync<JsonObject>())!["variant"]);
        Assert.Equal("50%", (string?)onDisk["flags"]!["paymentFailure"]!["defaultVariant"]);
        Assert.NotNull(onDisk["flags"]![NewFlag]);
        Assert.NotNull(onDisk["$evaluators"]!["isStaff"]);
        var line = Assert.Single(host.Logs, l => l.Contains("Added flags"));
        Assert.Contains($"Added flags {NewFlag} to {host.FlagFile}", line);
        var audit = Assert.Single((await host.Client.GetFromJsonAsync<JsonArray>("/api/flags/audit"))!);
        Assert.Equal((NewFlag, "added", "off", "defaults"), ((string?)audit!["flag"], (string?)audit["property"], (string?)audit["new"], (string?)audit["who"]));
    }

    [Fact]
    public async Task A_flag_the_defaults_no_longer_have_is_kept_and_logged()
    {
        var copy = JsonNode.Parse(FlagServiceHost.DemoFlags)!;
        copy["flags"]!["operatorOwn"] = JsonNode.Parse("""{ "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on" }""");
        await using var host = FlagServiceHost.CreateWithDefaults(DefaultsWithNewFlag(), copy.ToJsonString());

        host.CreateClient();
        var flags = await DefaultVariants(host);

        Assert.Equal(FlagKeys.All.Count + 2, flags.Count);
        Assert.Equal("on", flags["operatorOwn"]);
        Assert.Equal("off", flags[NewFlag]);
        Assert.Contains(host.Logs, l => l.Contains($"Flags operatorOwn of {host.FlagFile} are not in the defaults") && l.Contains("they are kept"));
    }

    [Fact]
    public async Task A_complete_copy_is_not_rewritten()
    {
        // A comment would be lost by a rewrite: its survival shows the file was left alone.
        var copy = "// my working copy\n" + WithDefault(FlagServiceHost.DemoFlags, "kafkaQueueProblems", "on");
        await using var host = FlagServiceHost.CreateWithDefaults(FlagServiceHost.DemoFlags, copy);

        host.CreateClient();
        var flags = await DefaultVariants(host);

        Assert.Equal("on", flags["kafkaQueueProblems"]);
        Assert.Equal(copy, await File.ReadAllTextAsync(host.FlagFile));
        Assert.DoesNotContain(host.Logs, l => l.Contains("Added flags"));
    }

    [Fact]
    public async Task A_broken_copy_fails_the_start_naming_the_file_and_is_left_untouched()
    {
        const string broken = """{ "flags": { "cartFailure": { "variants": {"on": true}, "defaultVariant": "maybe" } } }""";
        await using var host = FlagServiceHost.CreateWithDefaults(DefaultsWithNewFlag(), broken);

        var error = Assert.ThrowsAny<Exception>(host.StartServer);

        var message = error.ToString();
        Assert.Contains(host.FlagFile, message);
        Assert.Contains("(Flags:File) is invalid: flag 'cartFailure': defaultVariant 'maybe' is not one of its variants", message);
        Assert.Equal(broken, await File.ReadAllTextAsync(host.FlagFile));
    }

    [Fact]
    public async Task A_broken_defaults_file_fails_the_start_naming_it()
    {
        await using var host = FlagServiceHost.CreateWithDefaults("{ \"flags\": ", copyJson: null);

        var error = Assert.ThrowsAny<Exception>(host.StartServer);

        Assert.Contains($"Flag file '{host.DefaultsFile}' (Flags:DefaultsFile) is invalid", error.ToString());
        Assert.False(File.Exists(host.FlagFile));
    }
}
