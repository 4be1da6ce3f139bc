using System.Globalization;
using ClusterSim.Experiments.Fidelity;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The completion times (end - submit, seconds) of one framework's finished jobs in one variant, over all its
/// seeds. The runs' results in memory hold completion times for the whole run only, so these are read back
/// from the jobs.csv each run wrote.
/// </summary>
public sealed record FrameworkCompletionTimes(string Variant, string Framework, IReadOnlyList<double> Seconds)
{
    /// <summary>Every variant's frameworks, in variant order then framework name order, from
    /// <c>runs/&lt;variant&gt;/seed-&lt;n&gt;/jobs.csv</c> under <paramref name="output"/>; runs without the file are skipped.</summary>
    public static IReadOnlyList<FrameworkCompletionTimes> Read(string output, IReadOnlyList<VariantResults> variants)
    {
        var all = new List<FrameworkCompletionTimes>();
        foreach (var v in variants)
        {
            var byFramework = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
            foreach (var f in v.Spec.Frameworks) byFramework[f.Settings.Name] = [];
            foreach (var run in v.Runs)
            {
                var path = Path.Combine(output, "runs", v.Name, "seed-" + run.Summary.Seed.ToString(CultureInfo.InvariantCulture), "jobs.csv");
                if (!File.Exists(path)) continue;
                var jobs = CsvRows.Read(path);
                foreach (var row in jobs.Rows.Where(r => r["state"] == "FINISHED"))
                {
                    double seconds = jobs.Number(row, "end_s") - jobs.Number(row, "submit_s");
                    if (double.IsFinite(seconds) && byFramework.TryGetValue(row["framework"], out var list)) list.Add(seconds);
                }
            }
            all.AddRange(byFramework.Select(f => new FrameworkCompletionTimes(v.Name, f.Key, f.Value)));
        }
        return all;
    }
}
