namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Counts the offers made since the previous offer expectation, for each framework named.</summary>
public sealed class ExpectOfferCountsStep(IReadOnlyList<(string Framework, int Count)> expected) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var seen = run.Window.ToList();
        run.Window.Clear();
        var wrong = new List<string>();
        foreach (var (framework, count) in expected)
        {
            int actual = seen.Count(o => o.Framework == framework);
            if (actual != count) wrong.Add($"{framework}: expected {count}, saw {actual}");
        }
        if (wrong.Count > 0) run.Fail(this, "offer counts differ: " + string.Join("; ", wrong));
    }
}
