namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class SetWeightStep(string role, double weight) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.SetWeight(role, weight);
}
