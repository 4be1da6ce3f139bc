namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class RepeatStep(int times, IReadOnlyList<ScenarioStep> steps) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        for (int i = 0; i < times; i++) run.RunSteps(steps);
    }
}
