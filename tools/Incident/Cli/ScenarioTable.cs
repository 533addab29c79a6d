using Platform.Contracts;
using Platform.Incident.Infrastructure;

namespace Platform.Incident.Cli;

/// <summary>The text of <c>incident list</c> and <c>incident status</c>.</summary>
internal static class ScenarioTable
{
    public static void WriteList(TextWriter output)
    {
        foreach (var s in IncidentScenarios.All)
        {
            var variants = string.Join(", ", s.Variants.Select(v => v == s.TriggerVariant ? $"[{v}]" : v));
            output.WriteLine($"{s.Name}  (flag {s.FlagKey}: {variants}; service {s.Service})");
            output.WriteLine($"  symptom: {s.Symptom}");
            output.WriteLine($"  look at: {s.WhereToLook}");
            output.WriteLine();
        }
        output.WriteLine("[variant] = what `incident trigger <scenario>` sets without --variant.");
    }

    public static void WriteStatus(TextWriter output, IReadOnlyDictionary<string, FlagState> flags)
    {
        var width = IncidentScenarios.All.Max(s => s.Name.Length);
        var active = 0;
        foreach (var s in IncidentScenarios.All)
        {
            var variant = flags.TryGetValue(s.FlagKey, out var flag) ? flag.DefaultVariant ?? "(none)" : "(flag missing in FlagService)";
            var on = flag is not null && variant != IncidentScenario.OffVariant;
            active += on ? 1 : 0;
            var disabled = flag is { State: "DISABLED" } ? " (flag DISABLED)" : "";
            output.WriteLine($"{(on ? "ACTIVE" : "      ")}  {s.Name.PadRight(width)}  {s.FlagKey} = {variant}{disabled}");
        }
        output.WriteLine(active == 0 ? "No scenario is active." : $"{active} scenario(s) active.");
    }
}
