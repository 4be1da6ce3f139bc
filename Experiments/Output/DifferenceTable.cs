using System.Globalization;
using System.Net;
using System.Text;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The report's table of paired differences against the baseline variant (what differences.csv holds):
/// one row per metric, per other variant the mean difference with its 95% interval and the p-values of the
/// paired t-test and the Wilcoxon signed-rank test, a p-value below 5% in bold with a star.
/// </summary>
public static class DifferenceTable
{
    /// <summary>Appends the section. <paramref name="rows"/>: the metrics to show in order, with a label and
    /// the factor values are printed at (100 for a fraction shown in percent).</summary>
    public static void Append(StringBuilder html, IReadOnlyList<PairedDifference> differences,
        IEnumerable<(string Metric, string Label, double Scale)> rows)
    {
        if (differences.Count == 0) return;
        var baseline = differences[0].Baseline;
        var variants = differences.Select(d => d.Variant).Distinct().ToArray();
        var byKey = differences.ToDictionary(d => (d.Metric, d.Variant));
        int pairs = differences.Max(d => d.Runs);
        html.Append("<h2>Differences against ").Append(E(baseline)).Append("</h2>\n<p>Each variant minus ")
            .Append(E(baseline)).Append(", paired by seed (runs with the same seed see the same workload): the mean difference with its 95% confidence interval, ")
            .Append("and two-sided p-values of the paired t-test (t) and the Wilcoxon signed-rank test (W). ")
            .Append("<b>Bold*</b>: significant at 5%. With n pairs the Wilcoxon test cannot go below 2/2<sup>n</sup> (")
            .Append(F(2 / Math.Pow(2, pairs))).Append(" with ").Append(pairs).Append(").</p>\n<table>\n<tr><th rowspan=\"2\">metric</th>");
        foreach (var v in variants) html.Append("<th colspan=\"3\">").Append(E(v)).Append(" &minus; ").Append(E(baseline)).Append("</th>");
        html.Append("</tr>\n<tr>");
        foreach (var _ in variants) html.Append("<th>mean [95% CI]</th><th>p (t)</th><th>p (W)</th>");
        html.Append("</tr>\n");
        foreach (var (metric, label, scale) in rows)
        {
            var cells = variants.Select(v => byKey.GetValueOrDefault((metric, v))).ToArray();
            if (cells.All(c => c == null || double.IsNaN(c.MeanDifference))) continue;
            html.Append("<tr><td>").Append(E(label)).Append("</td>");
            foreach (var c in cells)
            {
                if (c == null)
                {
                    html.Append("<td>-</td><td>-</td><td>-</td>");
                    continue;
                }
                html.Append("<td>").Append(E(F(c.MeanDifference * scale)));
                if (!double.IsNaN(c.CiLow)) html.Append(" [").Append(E(F(c.CiLow * scale))).Append(", ").Append(E(F(c.CiHigh * scale))).Append(']');
                html.Append("</td>");
                AppendP(html, c.PT);
                AppendP(html, c.PWilcoxon);
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendP(StringBuilder html, double p)
    {
        if (p < PairedDifference.Significance) html.Append("<td class=\"best\">").Append(E(P(p))).Append("*</td>");
        else html.Append("<td>").Append(E(P(p))).Append("</td>");
    }

    /// <summary>A p-value to three significant digits ("-" when there is none).</summary>
    public static string P(double p) =>
        double.IsNaN(p) ? "-" : p == 0 ? "0" : p >= 0.001 ? p.ToString("0.###", CultureInfo.InvariantCulture) : p.ToString("0.##E+0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value) =>
        double.IsNaN(value) ? "-" : Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
