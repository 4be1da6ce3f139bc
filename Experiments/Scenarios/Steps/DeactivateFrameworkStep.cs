namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The framework disconnects (src/master/master.cpp, Master::deactivate): its offers are rescinded,
/// its filters dropped, it gets no offers; its tasks keep running.</summary>
public sealed class DeactivateFrameworkStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.DeactivateFramework(run.Framework(framework).Id);
}
