using Platform.Contracts;
using Platform.Incident.Infrastructure;

namespace Platform.Incident.Cli;

/// <summary>What <c>trigger</c>, <c>clear</c> and <c>status</c> do, over FlagService's admin API.</summary>
internal sealed class ScenarioActions(FlagsAdminClient flags)
{
    public async Task TriggerAsync(string name, string? variant, TextWriter output, CancellationToken cancellationToken)
    {
        var scenario = Find(name);
        var chosen = variant ?? scenario.TriggerVariant;
        if (!scenario.Variants.Contains(chosen, StringComparer.Ordinal))
        {
            throw new UsageException(
                $"Unknown variant '{chosen}' for scenario {scenario.Name} (flag {scenario.FlagKey}). Valid variants: {string.Join(", ", scenario.Variants)}.");
        }
        await flags.SetVariantAsync(scenario.FlagKey, chosen, cancellationToken);
        await output.WriteLineAsync($"Triggered {scenario.Name}: {scenario.FlagKey} = {chosen}.");
        await output.WriteLineAsync($"  Symptom: {scenario.Symptom}");
        await output.WriteLineAsync($"  Look at: {scenario.WhereToLook}");
        await output.WriteLineAsync($"  Clear with: incident clear {scenario.Name}");
    }

    public async Task ClearAsync(string? name, bool all, TextWriter output, CancellationToken cancellationToken)
    {
        if (all == (name is not null))
        {
            throw new UsageException($"Name one scenario or pass --all (not both). Scenarios: {ScenarioNames}.");
        }
        if (name is not null)
        {
            var scenario = Find(name);
            await flags.SetVariantAsync(scenario.FlagKey, IncidentScenario.OffVariant, cancellationToken);
            await output.WriteLineAsync($"Cleared {scenario.Name}: {scenario.FlagKey} = {IncidentScenario.OffVariant}.");
            return;
        }
        // Only flags that are on are written: an idle --all changes nothing and leaves no audit lines.
        var current = (await flags.ListAsync(cancellationToken)).ToDictionary(f => f.Key, f => f.DefaultVariant, StringComparer.Ordinal);
        var active = IncidentScenarios.All.Where(s => current.GetValueOrDefault(s.FlagKey) is { } v && v != IncidentScenario.OffVariant).ToList();
        foreach (var scenario in active)
        {
            await flags.SetVariantAsync(scenario.FlagKey, IncidentScenario.OffVariant, cancellationToken);
            await output.WriteLineAsync($"Cleared {scenario.Name}: {scenario.FlagKey} = {IncidentScenario.OffVariant}.");
        }
        if (active.Count == 0)
        {
            await output.WriteLineAsync("No scenario was active.");
        }
    }

    public async Task StatusAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var current = (await flags.ListAsync(cancellationToken)).ToDictionary(f => f.Key, StringComparer.Ordinal);
        ScenarioTable.WriteStatus(output, current);
    }

    private static string ScenarioNames => string.Join(", ", IncidentScenarios.All.Select(s => s.Name));

    private static IncidentScenario Find(string name) =>
        IncidentScenarios.Find(name) ?? throw new UsageException($"Unknown scenario '{name}'. Valid scenarios: {ScenarioNames}.");
}
