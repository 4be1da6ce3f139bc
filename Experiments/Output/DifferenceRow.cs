namespace ClusterSim.Experiments.Output;

/// <summary>
/// One row of differences.csv: a metric's paired difference between a variant and the baseline over the same
/// seeds (variant minus baseline), its 95% confidence interval, the paired t and Wilcoxon signed-rank p-values
/// and the number of paired runs.
/// </summary>
public sealed record DifferenceRow(string Metric, string Variant, string Baseline, double MeanDifference,
    double Ci95Low, double Ci95High, double PT, double PWilcoxon, int Runs);
