using ClusterSim.Core.Allocation;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Sets a role's quota; outstanding offers are rescinded so the new split takes effect.</summary>
public sealed class SetQuotaStep(string role, Quota quota) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.SetQuota(role, quota);
}
