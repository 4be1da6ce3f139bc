namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class RemoveFrameworkStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.RemoveFramework(run.Framework(framework).Id);
}
