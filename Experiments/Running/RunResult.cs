namespace ClusterSim.Experiments.Running;

/// <summary>Everything one run leaves for the comparison: its summary, its time series and samples for
/// plots, its event digest and what it cost. <see cref="CompletionTimes"/> and <see cref="Waits"/> hold every
/// value of a run that kept them in memory (<see cref="ObservedValues.DefaultInMemory"/> values or fewer) and
/// are empty for a longer one, whose values are in its tasks.csv and jobs.csv.</summary>
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
