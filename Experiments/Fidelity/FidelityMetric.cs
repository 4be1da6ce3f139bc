namespace ClusterSim.Experiments.Fidelity;

/// <summary>One metric of a live run next to its simulation, with the difference allowed.</summary>
public sealed record FidelityMetric(string Name, string Label, double Simulated, double Live, double Tolerance, string Why)
{
    public double Difference => Live - Simulated;

    public double RelativeDifference => Simulated == 0 ? double.NaN : Difference / Math.Abs(Simulated);

    /// <summary>Within tolerance; a metric neither run has (NaN in both) counts as agreeing.</summary>
    public bool Within => double.IsNaN(Simulated) && double.IsNaN(Live) || Math.Abs(Difference) <= Tolerance + 1e-9;
}
