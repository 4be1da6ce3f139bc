namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The inverse offers made since the previous inverse offer expectation are exactly these, as
/// (framework, agent) pairs in any order.</summary>
public sealed class ExpectInverseOffersStep(IReadOnlyList<(string Framework, string Agent)> expected) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var seen = run.InverseWindow.Select(o => (o.Framework, o.Agent)).ToList();
        run.InverseWindow.Clear();
        var want = expected.OrderBy(e => e.Framework, StringComparer.Ordinal).ThenBy(e => e.Agent, StringComparer.Ordinal).ToList();
        var got = seen.OrderBy(e => e.Framework, StringComparer.Ordinal).ThenBy(e => e.Agent, StringComparer.Ordinal).ToList();
        if (!want.SequenceEqual(got))
            run.Fail(this, $"expected inverse offers [{string.Join(", ", want.Select(e => $"{e.Framework} on {e.Agent}"))}], " +
                           $"saw [{string.Join(", ", got.Select(e => $"{e.Framework} on {e.Agent}"))}]");
    }
}
