using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Runs the loop up to and including now + the duration.</summary>
public sealed class AdvanceStep(Duration by) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Loop.RunUntil(run.Loop.Now + by);
}
