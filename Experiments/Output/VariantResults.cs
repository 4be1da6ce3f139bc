using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Output;

/// <summary>A variant and the results of its runs, one per seed, in seed order.</summary>
public sealed record VariantResults(ExperimentSpec Spec, IReadOnlyList<RunResult> Runs)
{
    public string Name => Spec.Variant;

    /// <summary>Each metric compared across this variant's seeds, in summary column order.</summary>
    public IReadOnlyList<MetricComparison> Comparisons() =>
        Runs[0].Summary.Metrics().Select((m, i) =>
            MetricComparison.Of(Name, m.Name, Runs.Select(r => r.Summary.Metrics()[i].Value).ToArray())).ToArray();

    public MetricComparison Comparison(string metric) => Comparisons().Single(c => c.Metric == metric);
}
