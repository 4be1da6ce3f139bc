using ClusterSim.Core.Agents;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>A failed agent registers again, empty, with what it had.</summary>
public sealed class RepairAgentStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (!run.FailedAgents.Remove(agent, out var info)) throw new StepException($"agent '{agent}' has not failed");
        var repaired = new SimulatedAgent(run.Loop, run.Master);
        run.Agents[agent] = repaired;
        repaired.Register(info);
    }
}
