namespace ClusterSim.Experiments.Scenarios;

/// <summary>What running one scenario file showed: its failures and the event log.</summary>
public sealed record ScenarioResult(string Name, string File, IReadOnlyList<ScenarioFailure> Failures, IReadOnlyList<string> Log)
{
    public bool Passed => Failures.Count == 0;
}
