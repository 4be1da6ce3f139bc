using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>An operator deactivates, reactivates or drains an agent (DEACTIVATE_AGENT, REACTIVATE_AGENT,
/// DRAIN_AGENT with a maximum grace period).</summary>
public sealed class AgentStateStep(string agent, AgentStateChange change, Duration gracePeriod = default) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.AgentId(agent);
        switch (change)
        {
            case AgentStateChange.Deactivate:
                run.Master.DeactivateAgent(id);
                break;
            case AgentStateChange.Activate:
                run.Master.ActivateAgent(id);
                break;
            default:
                run.Master.DrainAgent(id, gracePeriod);
                break;
        }
    }
}
