namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The agent re-registers with the master after a failover, with its running tasks.</summary>
public sealed class ReregisterAgentStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (!run.Master.ReadmitAgent(run.AgentId(agent))) throw new StepException($"agent '{agent}' is not awaiting re-registration");
        run.Agents[agent].Reconnect();
    }
}
