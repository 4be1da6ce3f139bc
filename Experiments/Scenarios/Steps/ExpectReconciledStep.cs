using ClusterSim.Core.Tasks;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The answers each named framework had to its last reconcile step, by task: a state, or none (the
/// master did not answer, as for a task on an agent still recovering after a failover).</summary>
public sealed class ExpectReconciledStep(IReadOnlyList<(string Framework, string Task, TaskState? State)> expected) : ScenarioStep
{
    /// <summary>What a file writes for "no answer".</summary>
    public const string NoAnswer = "none";

    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        foreach (var (framework, task, state) in expected)
        {
            var told = run.Framework(framework).Reconciled.TryGetValue(task, out var s) ? s.Name() : NoAnswer;
            var want = state?.Name() ?? NoAnswer;
            if (told != want) wrong.Add($"{framework}/{task}: expected {want}, saw {told}");
        }
        if (wrong.Count > 0) run.Fail(this, "reconciliation answers differ: " + string.Join("; ", wrong));
    }
}
