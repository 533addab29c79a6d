namespace EndToEnd.Tests.Drills;

/// <summary>
/// One incident drill: the scenario of <see cref="IncidentScenarios"/> to trigger, the probe that must see its
/// documented symptom in the exported telemetry while it is on, and the probe that must see the symptom gone once
/// the operator has cleared it. A probe drives the traffic it needs and fails with what it saw instead.
/// </summary>
/// <param name="Scenario">The scenario's name (<c>payment-failure</c>).</param>
/// <param name="Symptom">Passes once the symptom is seen.</param>
/// <param name="Cleared">Passes once the symptom is seen gone.</param>
public sealed record Drill(string Scenario, Func<DrillRun, Task> Symptom, Func<DrillRun, Task> Cleared)
{
    /// <summary>The variant to trigger; the scenario's <see cref="IncidentScenario.TriggerVariant"/> when null.</summary>
    public string? Variant { get; init; }

    public override string ToString() => Scenario;
}
