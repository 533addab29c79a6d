using System.Diagnostics;
using EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace EndToEnd.Tests.Drills;

/// <summary>
/// Issue 10's drills, one after another on one Platform under the load generator's traffic: trigger the scenario as
/// an operator does (<c>incident trigger</c>: FlagService's admin API with the generated token), see its symptom in
/// the telemetry the services export, clear it as an operator does (the dashboard's "Clear all incidents"), and see
/// the symptom go away.
/// </summary>
[Collection(DrillSuite.Name)]
public sealed class IncidentDrillTests(DrillPlatform drills, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new(IncidentDrills.All.Select(d => d.Scenario));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Drill(string scenarioName)
    {
        var drill = IncidentDrills.Find(scenarioName);
        var scenario = IncidentScenarios.Find(scenarioName)!;
        var run = new DrillRun(drills.Platform, scenario, output.WriteLine);
        var clock = Stopwatch.StartNew();

        try
        {
            await drills.Platform.SetFlagAsync(scenario.FlagKey, drill.Variant ?? scenario.TriggerVariant);
            await drill.Symptom(run);
            output.WriteLine($"{scenario.Name}: symptom seen after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            // Cleared even when the symptom was not seen, so the next drill starts from a quiet Platform.
            await ClearAllIncidentsAsync();
        }

        var cleared = Stopwatch.StartNew();
        await drill.Cleared(run);
        output.WriteLine($"{scenario.Name}: symptom gone {cleared.Elapsed.TotalSeconds:F1} s after the clear; drill {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task ClearAllIncidentsAsync()
    {
        var result = await drills.Platform.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.FlagService, "clear-incidents");
        Assert.True(result.Success, $"clear-incidents: {result.Message}");
        await Task.Delay(drills.Platform.FlagPropagation);
    }
}
