using ClusterSim.Core.Agents;

namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class AddAgentStep(AgentInfo info) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (run.Master.TryFindAgent(info.Name, out _)) throw new StepException($"agent '{info.Name}' is already registered");
        var agent = new SimulatedAgent(run.Loop, run.Master);
        run.Agents[info.Name] = agent;
        agent.Register(info);
    }
}
