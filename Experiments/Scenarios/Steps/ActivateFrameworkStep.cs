namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>A deactivated framework comes back (subscribes again with its id): offers resume unless it is
/// suppressed, and allocation runs at once.</summary>
public sealed class ActivateFrameworkStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.ActivateFramework(run.Framework(framework).Id);
}
