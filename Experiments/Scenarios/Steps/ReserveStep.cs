using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>An operator RESERVE (or UNRESERVE) of free resources on an agent for a role.</summary>
public sealed class ReserveStep(string agent, string role, R resources, bool unreserve) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.AgentId(agent);
        try
        {
            if (unreserve) run.Master.Unreserve(id, role, resources);
            else run.Master.Reserve(id, role, resources);
        }
        catch (InvalidOperationException e)
        {
            throw new StepException(e.Message);
        }
    }
}
