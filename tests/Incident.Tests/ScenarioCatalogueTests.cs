using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Incident.Tests;

/// <summary>The scenario catalogue (src/Contracts) agrees with the shipped flag file, so every trigger FlagService accepts.</summary>
public class ScenarioCatalogueTests
{
    private static JsonObject DemoFlags() => (JsonObject)JsonNode.Parse(File.ReadAllText(RealFlagService.DemoFlagFile))!["flags"]!;

    [Fact]
    public void The_catalogue_holds_the_fifteen_scenarios_of_the_issue_in_order()
    {
        string[] expected =
        [
            "payment-failure", "payment-unreachable", "cart-failure", "catalog-failure", "kafka-queue-problems",
            "failed-readiness", "ad-failure", "ad-high-cpu", "ad-manual-gc", "email-memory-leak", "image-slow-load",
            "recommendation-cache-leak", "intl-shipping-slowdown", "flood-homepage", "checkout-peak-mode",
        ];

        Assert.Equal(expected, IncidentScenarios.All.Select(s => s.Name));
    }

    [Fact]
    public void Every_flag_has_exactly_one_scenario()
    {
        Assert.Equal(FlagKeys.All.Order(), IncidentScenarios.All.Select(s => s.FlagKey).Order());
    }

    [Fact]
    public void Every_scenario_lists_its_flags_variants_as_the_flag_file_does()
    {
        var flags = DemoFlags();
        foreach (var scenario in IncidentScenarios.All)
        {
            var variants = flags[scenario.FlagKey]!["variants"]!.AsObject().Select(v => v.Key);
            Assert.True(variants.SequenceEqual(scenario.Variants), $"{scenario.Name}: [{string.Join(", ", scenario.Variants)}] vs the file's [{string.Join(", ", variants)}]");
        }
    }

    [Fact]
    public void Every_trigger_variant_is_a_variant_other_than_off()
    {
        foreach (var scenario in IncidentScenarios.All)
        {
            Assert.Contains(scenario.TriggerVariant, scenario.Variants);
            Assert.NotEqual(IncidentScenario.OffVariant, scenario.TriggerVariant);
            Assert.Contains(IncidentScenario.OffVariant, scenario.Variants);
        }
    }

    [Fact]
    public void Every_scenario_names_a_known_service_a_symptom_and_where_to_look()
    {
        var resources = typeof(ResourceNames).GetFields().Select(f => (string?)f.GetRawConstantValue()).ToHashSet();
        foreach (var scenario in IncidentScenarios.All)
        {
            Assert.Contains(scenario.Service, resources);
            Assert.False(string.IsNullOrWhiteSpace(scenario.Symptom), scenario.Name);
            Assert.False(string.IsNullOrWhiteSpace(scenario.WhereToLook), scenario.Name);
        }
    }

    [Fact]
    public void Find_ignores_case_and_answers_null_for_an_unknown_name()
    {
        Assert.Equal(FlagKeys.PaymentFailure, IncidentScenarios.Find("Payment-Failure")?.FlagKey);
        Assert.Null(IncidentScenarios.Find("payment-failures"));
    }
}
