namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Each named agent's revocable total (what its estimator last reported, Mesos's oversubscribed
/// resources) and the evictions so far, exactly; needs the scenario's oversubscription: section.</summary>
public sealed class ExpectOversubscriptionStep(IReadOnlyList<(string Agent, Core.Resources.Resources Total)> revocable, long? evictions)
    : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (run.Revocable is not { } allocator || run.Usage is not { } usage)
            throw new StepException("expectOversubscription needs the scenario's oversubscription: section");
        var wrong = new List<string>();
        foreach (var (agent, total) in revocable)
        {
            var actual = allocator.OversubscribedOn(run.AgentId(agent));
            if (actual != total) wrong.Add($"{agent}: expected revocable {total}, saw {actual}");
        }
        if (evictions is { } e && usage.Evictions != e) wrong.Add($"expected {e} evictions, saw {usage.Evictions}");
        if (wrong.Count > 0) run.Fail(this, "oversubscription differs: " + string.Join("; ", wrong));
    }
}
