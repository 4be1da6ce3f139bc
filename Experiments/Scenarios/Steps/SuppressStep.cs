namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class SuppressStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.Suppress(run.Framework(framework).Id);
}
