namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// Why shards cannot be merged or a sweep cannot be submitted, in one line naming the folder, file or run at
/// fault. <see cref="ExitCode"/> is the command's: 2 for input that can never work (not a shard, shards of
/// different experiments, a run given twice), 1 for a sweep that is incomplete (a run is missing: its shard
/// failed or has not run).
/// </summary>
public sealed class SweepException : Exception
{
    public SweepException(string message, int exitCode = 2) : base(message) => ExitCode = exitCode;

    public SweepException() : this("the sweep failed") { }

    public SweepException(string message, Exception inner) : base(message, inner) => ExitCode = 2;

    public int ExitCode { get; }
}
