namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The framework subscribes again after a master failover: offers to it resume.</summary>
public sealed class ResubscribeStep(string framework) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.ResubscribeFramework(run.Framework(framework).Id);
}
