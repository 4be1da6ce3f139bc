namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The offers made since the previous offer expectation are exactly these (as a multiset).</summary>
public sealed class ExpectOffersStep(IReadOnlyList<ExpectedOffer> expected) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var seen = run.Window.ToList();
        run.Window.Clear();
        var unmatched = seen.ToList();
        var missing = new List<ExpectedOffer>();
        // Entries that name resources are matched first, so a looser entry cannot take their offer.
        foreach (var e in expected.OrderBy(e => e.Resources == null))
        {
            int i = unmatched.FindIndex(e.Matches);
            if (i < 0) missing.Add(e);
            else unmatched.RemoveAt(i);
        }
        if (missing.Count == 0 && unmatched.Count == 0) return;
        run.Fail(this, $"expected offers [{string.Join(", ", expected)}], saw [{string.Join(", ", seen)}]" +
                       (missing.Count > 0 ? $"; missing [{string.Join(", ", missing)}]" : "") +
                       (unmatched.Count > 0 ? $"; unexpected [{string.Join(", ", unmatched)}]" : ""));
    }
}
