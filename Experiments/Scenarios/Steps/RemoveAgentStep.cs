namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class RemoveAgentStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.AgentId(agent);
        run.Agents[agent].Shutdown();
        run.Master.RemoveAgent(id);
    }
}
