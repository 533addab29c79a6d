namespace EndToEnd.Tests.Drills;

/// <summary>Every incident scenario has exactly one drill.</summary>
public sealed class IncidentDrillCatalogueTests
{
    [Fact]
    public void Every_scenario_has_one_drill()
    {
        var drilled = IncidentDrills.All.Select(d => d.Scenario).ToList();

        Assert.Equal(drilled.Count, drilled.Distinct().Count());
        Assert.Equal(IncidentScenarios.All.Select(s => s.Name).Order(), drilled.Order());
    }
}
