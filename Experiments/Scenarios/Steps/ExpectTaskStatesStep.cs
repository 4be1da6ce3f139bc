using ClusterSim.Core.Tasks;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The last state each named framework was told of each named task (its last status update).</summary>
public sealed class ExpectTaskStatesStep(IReadOnlyList<(string Framework, string Task, TaskState State)> expected) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        foreach (var (framework, task, state) in expected)
        {
            var told = run.Framework(framework).LastStates.TryGetValue(task, out var s) ? s.Name() : "nothing";
            if (told != state.Name()) wrong.Add($"{framework}/{task}: expected {state.Name()}, saw {told}");
        }
        if (wrong.Count > 0) run.Fail(this, "task states differ: " + string.Join("; ", wrong));
    }
}
