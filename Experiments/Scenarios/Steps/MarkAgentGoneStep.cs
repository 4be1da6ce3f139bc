namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The operator marks the agent gone (Mesos's MARK_AGENT_GONE, src/master/master.cpp markGone): a
/// registered or unreachable agent's tasks become GONE_BY_OPERATOR to partition-aware frameworks (LOST to the
/// others); the agent is shut down and may never register again.</summary>
public sealed class MarkAgentGoneStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (!run.Master.MarkAgentGone(agent))
            throw new StepException($"agent '{agent}' is neither registered nor unreachable, or was marked gone already");
        run.Agents[agent].Shutdown();
    }
}
