namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The agent is partitioned away past the health-check timeout (Mesos's Master::markUnreachable): its
/// tasks are UNREACHABLE to partition-aware frameworks and LOST to the others, its resources leave the cluster.
/// The simulated agent is cut off (its updates wait), not stopped.</summary>
public sealed class MarkAgentUnreachableStep(string agent) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.AgentId(agent);
        run.Agents[agent].Disconnect();
        run.Master.MarkAgentUnreachable(id);
    }
}
