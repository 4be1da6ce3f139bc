namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class RepeatStep(int times, IReadOnlyList<ScenarioStep> steps) : ScenarioStep
{
    /// <summary>How many steps this runs, nested repeats multiplied out.</summary>
    public long Expanded { get; } = times * steps.Sum(s => s is RepeatStep r ? r.Expanded : 1L);

    public override void Run(ScenarioRun run)
    {
        for (int i = 0; i < times; i++) run.RunSteps(steps);
    }
}
