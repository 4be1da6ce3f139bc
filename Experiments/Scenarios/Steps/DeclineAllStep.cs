using ClusterSim.Core.Cluster;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Declines every offer the framework holds, however many (none included).</summary>
public sealed class DeclineAllStep(string framework, OfferFilter refuse) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.DeclineAll(run.Framework(framework).Id, refuse);
}
