namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The master fails over: offers rescinded, frameworks disconnected, agents awaited; the
/// scenario brings them back with <see cref="ReregisterAgentStep"/> and <see cref="ResubscribeStep"/>.</summary>
public sealed class FailMasterStep : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        run.Master.FailOver();
        foreach (var agent in run.Agents.Values) agent.Disconnect();
    }
}
