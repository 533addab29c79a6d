using System.Text.Json.Nodes;
using Platform.Contracts;

namespace FlagService.Tests;

/// <summary><see cref="FlagKeys"/> (what the services ask for) and the shipped flag file (what FlagService serves) name the same flags.</summary>
public class FlagKeysTests
{
    private static JsonObject DemoFlags() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flags", "demo.flagd.json")))!["flags"]!;

    [Fact]
    public void Every_flag_of_the_demo_file_is_in_FlagKeys()
    {
        var missing = DemoFlags().Select(f => f.Key).Except(FlagKeys.All).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_key_of_FlagKeys_is_in_the_demo_file()
    {
        var flags = DemoFlags();

        var missing = FlagKeys.All.Where(key => !flags.ContainsKey(key)).ToList();

        Assert.Empty(missing);
        Assert.Equal(FlagKeys.All.Count, FlagKeys.All.Distinct().Count());
    }

    [Fact]
    public void Every_demo_flag_defaults_to_an_existing_off_variant()
    {
        foreach (var (key, flag) in DemoFlags())
        {
            var defaultVariant = (string?)flag!["defaultVariant"];
            Assert.True(defaultVariant == "off", $"{key}: defaultVariant is '{defaultVariant}', not 'off'");
            Assert.True(flag["variants"] is JsonObject variants && variants.ContainsKey(defaultVariant), $"{key}: no variant '{defaultVariant}'");
        }
    }
}
