namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class ReviveStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.Revive(run.Framework(framework).Id);
}
