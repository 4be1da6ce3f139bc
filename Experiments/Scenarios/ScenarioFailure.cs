namespace ClusterSim.Experiments.Scenarios;

/// <summary>An expectation that did not hold, or a step that could not be carried out.</summary>
public sealed record ScenarioFailure(string Step, string Key, int Line, string Message)
{
    public override string ToString() => $"{Step} ({Key}, line {Line}): {Message}";
}
