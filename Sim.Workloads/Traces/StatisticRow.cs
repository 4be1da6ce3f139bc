namespace ClusterSim.Workloads.Traces;

/// <summary>
/// One line of <see cref="TraceStatistics.Rows"/>: a label, what the trace holds and what a replay keeps, each
/// formatted for a table; "" where a figure has no such side (a skip count exists only for the replay).
/// </summary>
public sealed record StatisticRow(string Label, string Trace, string Replay);
