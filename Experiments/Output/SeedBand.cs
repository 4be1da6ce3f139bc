using ClusterSim.Experiments.Plots;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// A variant's time series across its seeds: at each sample, the mean over the seeds and the 95% confidence
/// interval of that mean (Student's t, as the comparison table), clipped to the metric's domain. Runs sample
/// at the same instants; a run that ended early drops out of the later points.
/// </summary>
public static class SeedBand
{
    public static LineSeries Of(string name, VariantResults variant, Func<Sample, double> value, Domain domain)
    {
        int longest = variant.Runs.Max(r => r.Samples.Count);
        var x = new double[longest];
        var mean = new double[longest];
        var low = new double[longest];
        var high = new double[longest];
        for (int i = 0; i < longest; i++)
        {
            var values = new List<double>(variant.Runs.Count);
            double t = 0;
            foreach (var run in variant.Runs)
            {
                if (i >= run.Samples.Count) continue;
                values.Add(value(run.Samples[i]));
                t = Math.Max(t, run.Samples[i].TimeSeconds);
            }
            var c = MetricComparison.Of(variant.Name, name, values);
            x[i] = t;
            mean[i] = c.Mean;
            // One seed (or one value left) has no interval: the band closes onto the line.
            low[i] = domain.Clamp(double.IsNaN(c.CiLow) ? c.Mean : c.CiLow);
            high[i] = domain.Clamp(double.IsNaN(c.CiHigh) ? c.Mean : c.CiHigh);
        }
        return new LineSeries(name, x, mean, low, high, Step: true);
    }
}
