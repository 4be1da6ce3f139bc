namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The agent fails: shut down and removed as a lost agent is (its tasks LOST, its offers
/// rescinded); <see cref="RepairAgentStep"/> brings it back empty.</summary>
public sealed class FailAgentStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.AgentId(agent);
        run.FailedAgents[agent] = run.Master.AgentInfoOf(id);
        run.Agents[agent].Shutdown();
        run.Master.RemoveAgent(id);
    }
}
