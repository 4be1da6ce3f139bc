namespace ClusterSim.Experiments.Running;

/// <summary>Everything one run leaves for the comparison: its summary, its time series and samples for
/// plots, its event digest and what it cost.</summary>
public sealed record RunResult(
    RunSummary Summary,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Sample> Samples,
    IReadOnlyList<double> CompletionTimes,
    IReadOnlyList<double> Waits,
    string Digest,
    long Events,
    double SimulatedSeconds,
    double WallSeconds)
{
    /// <summary>The run's faults in the order they happened (empty unless the experiment records faults).</summary>
    public IReadOnlyList<FaultRecord> Faults { get; init; } = [];
}
