using ClusterSim.Core.Agents;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The agent comes back with other attributes or another unreserved total (Mesos's updateSlave).</summary>
public sealed class UpdateAgentStep(AgentInfo info) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        try
        {
            run.Master.UpdateAgent(run.AgentId(info.Name), info);
        }
        catch (InvalidOperationException e)
        {
            throw new StepException("the master refused the update: " + e.Message);
        }
    }
}
