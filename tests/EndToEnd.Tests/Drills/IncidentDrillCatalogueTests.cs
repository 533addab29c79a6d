namespace EndToEnd.Tests.Drills;

/// <summary>Every incident scenario has a drill, or is listed as waiting for its service.</summary>
public sealed class IncidentDrillCatalogueTests
{
    [Fact]
    public void Every_scenario_has_a_drill_or_a_reason_it_has_none_yet()
    {
        var drilled = IncidentDrills.All.Select(d => d.Scenario).ToList();

        Assert.Equal(drilled.Count, drilled.Distinct().Count());
        Assert.Empty(drilled.Intersect(IncidentDrills.Pending.Keys));
        Assert.Equal(IncidentScenarios.All.Select(s => s.Name).Order(), drilled.Concat(IncidentDrills.Pending.Keys).Order());
    }
}
