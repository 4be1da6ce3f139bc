namespace ClusterSim.Workloads.Traces;

/// <summary>One line of <see cref="TraceStatistics.Rows"/>: a label and its value, formatted for a table.</summary>
public sealed record StatisticRow(string Label, string Value);
