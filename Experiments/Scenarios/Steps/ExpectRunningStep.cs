namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Running tasks per framework now.</summary>
public sealed class ExpectRunningStep(IReadOnlyList<(string Framework, int Count)> expected) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        foreach (var (framework, count) in expected)
        {
            int actual = run.Master.RunningTasks(run.Framework(framework).Id);
            if (actual != count) wrong.Add($"{framework}: expected {count}, saw {actual}");
        }
        if (wrong.Count > 0) run.Fail(this, "running tasks differ: " + string.Join("; ", wrong));
    }
}
