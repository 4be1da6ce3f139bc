namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Each agent is in the state named: active, deactivated, draining (tasks left) or drained.</summary>
public sealed class ExpectAgentsStep(IReadOnlyList<(string Agent, string State)> expected) : ScenarioStep
{
    public static readonly string[] States = ["active", "deactivated", "draining", "drained"];

    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        foreach (var (agent, state) in expected)
        {
            var id = run.AgentId(agent);
            var actual = run.Master.IsDrained(id) ? "drained"
                : run.Master.IsDraining(id) ? "draining"
                : run.Master.IsActive(id) ? "active" : "deactivated";
            if (actual != state) wrong.Add($"{agent}: expected {state}, saw {actual}");
        }
        if (wrong.Count > 0) run.Fail(this, "agent states differ: " + string.Join("; ", wrong));
    }
}
