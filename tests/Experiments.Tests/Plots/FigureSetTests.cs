using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Plots;
using ClusterSim.Experiments.Running;
using ScottPlot;
using ScottPlot.Plottables;

namespace ClusterSim.Experiments.Tests.Plots;

/// <summary>The experiment's figures, drawn from results made up here so every value is known.</summary>
public class FigureSetTests
{
    private const string Experiment = """
        name: figs
        seeds: [1, 2, 3]
        horizon: 1h
        cluster:
          agents:
            - { count: 1, resources: "cpus:4;mem:4096" }
        roles: { analytics: { weight: 2 }, web: { weight: 1 } }
        frameworks:
          - name: hadoop
            role: analytics
            workload:
              synthetic: { jobs: 1, arrival: { at: 0s }, taskDuration: { constant: 1s }, task: "cpus:1;mem:64" }
          - name: web
            role: web
            kind: service
            instance: "cpus:1;mem:64"
            instances: { min: 1, max: 2, initial: 1 }
            load: { constant: 1 }
        variants:
          - { name: drf }
          - { name: random, allocation: { policy: random } }

        """;

    private static readonly FigureSize Size = new(640, 400);

    /// <summary>Three seeds per variant; analytics holds a weighted share of 0.2, 0.35 and 0.5 (an interval past its
    /// ceiling of 0.5 at weight 2); seed 3 waits 3 s at hadoop, the others 0, so the wait's t interval reaches below zero.</summary>
    private static IReadOnlyList<VariantResults> Variants()
    {
        var file = ExperimentParser.Parse("figs.yaml", Experiment);
        return file.Variants.Select((spec, v) => new VariantResults(spec, spec.Seeds.Select(seed =>
        {
            var samples = Enumerable.Range(0, 61).Select(i => new Sample(i * 60.0, 0.5 + 0.1 * v + 0.01 * seed, 0.3, [0.2 + 0.15 * (seed - 1), 0.4], 0) { Fairness = 0.9 - 0.01 * seed }).ToArray();
            var summary = new RunSummary
            {
                Variant = spec.Variant,
                Seed = seed,
                Policy = spec.Policy.Name,
                Breakdown =
                [
                    ("share_mean:analytics", 0.2), ("share_mean:web", 0.4),
                    ("wait_mean_s:hadoop", seed == 3 ? 3 : 0), ("wait_p95_s:hadoop", seed), ("jct_mean_s:hadoop", 100 + seed), ("jct_p95_s:hadoop", 200 + seed),
                    ("wait_mean_s:web", 1), ("wait_p95_s:web", 2),
                ],
            };
            return new RunResult(summary, ["analytics", "web"], samples, [100, 200], [0, 3], "digest", 10, 3600, 1);
        }).ToArray())).ToArray();
    }

    private static IReadOnlyList<FrameworkCompletionTimes> CompletionTimes() =>
    [
        new("drf", "hadoop", [10, 20, 40, 80]), new("drf", "web", []),
        new("random", "hadoop", [12, 24, 50, 90]), new("random", "web", []),
    ];

    private static readonly PairedDifference[] Differences =
    [
        new("cpu_util_mean", "random", "drf", -0.02, -0.05, 0.01, 0.2, 0.25, 3),
        new("wait_mean_s", "random", "drf", 4, 1, 7, 0.03, 0.25, 3),
    ];

    private static IReadOnlyList<Figure> Build() => PlotSet.Build("figs", Variants(), CompletionTimes(), Differences);

    /// <summary>What each figure must say: titles, axis labels, legend entries.</summary>
    private static readonly Dictionary<string, string[]> Labels = new()
    {
        ["utilisation"] = ["figs: CPU in use", "figs: memory in use", "Simulated time (min)", "CPU allocated to tasks (%)", "Memory allocated to tasks (%)", "drf", "random"],
        ["shares"] = ["drf: dominant share per role", "random: dominant share per role", "Dominant share / weight", "analytics", "web"],
        ["fairness"] = ["figs: fairness over time", "Jain's index, roles wanting more", "drf", "random"],
        ["jct-cdf"] = ["hadoop: job completion time", "Job completion time (s)", "Fraction of finished jobs", "drf (n=4)", "random (n=4)"],
        ["framework-times"] = ["Task wait (start - submit), mean", "Task wait, 95th percentile", "Job completion time, mean", "Job completion time, 95th percentile", "Seconds", "hadoop", "web", "drf", "random"],
        ["differences"] = ["cpu_util_mean (smallest paired-t p = 0.2)", "wait_mean_s (smallest paired-t p = 0.03)", "Difference (variant - baseline)", "random - drf"],
    };

    [Test]
    public void EveryFigure_IsAValidPngAndSvg_AtTheSizeAsked_WithItsLabelsInTheSvg()
    {
        var figures = Build();
        Assert.That(figures.Select(f => f.Name), Is.EqualTo(Labels.Keys));
        using var temp = new TempFolder();
        foreach (var figure in figures)
        {
            var written = figure.Render(Size).Write(temp.Path);
            Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[] { figure.Name + ".png", figure.Name + ".svg" }));
            int height = Size.HeightFor(figure.Rows);
            using (var png = new ScottPlot.Image(File.ReadAllBytes(written[0])))
            {
                Assert.That((png.Width, png.Height), Is.EqualTo((Size.Width, height)), figure.Name);
            }
            var svg = new SvgDocument(File.ReadAllText(written[1]));
            Assert.That((svg.Width, svg.Height), Is.EqualTo((Size.Width, height)), figure.Name);
            Assert.That(svg.Texts(), Is.SupersetOf(Labels[figure.Name]), figure.Name);
            Assert.That(svg.FontFamilies(), Is.EqualTo(new[] { FigureFont.Name }), figure.Name);
        }
    }

    [Test]
    public void Figures_AreByteIdentical_WhateverElseWasDrawnBefore_AndFromSeveralThreadsAtOnce()
    {
        var first = Build().Select(f => f.Render(Size)).ToArray();
        var again = new RenderedFigure[4][];
        Parallel.For(0, again.Length, i => again[i] = Build().Reverse().Select(f => f.Render(Size)).Reverse().ToArray());
        foreach (var run in again)
            for (int i = 0; i < first.Length; i++)
            {
                Assert.That(run[i].Svg, Is.EqualTo(first[i].Svg), first[i].Name);
                Assert.That(run[i].Png, Is.EqualTo(first[i].Png), first[i].Name);
            }
    }

    [Test]
    public void SvgIds_CarryTheFigureName_SoFiguresInlinedInOnePageDoNotShareClips()
    {
        foreach (var figure in Build().Select(f => f.Render(Size)))
        {
            var ids = new SvgDocument(figure.Svg).Root.DescendantsAndSelf().Select(e => (string?)e.Attribute("id")).OfType<string>().ToArray();
            Assert.That(ids, Is.Not.Empty.And.Unique, figure.Name);
            Assert.That(ids, Has.All.StartsWith(figure.Name + "-"), figure.Name);
        }
    }

    [Test]
    public void WaitIntervals_AreClippedAtZero()
    {
        // hadoop's mean wait over seeds (0, 0, 3) is 1 s; its unclipped 95% t interval reaches about -3.3 s.
        var waits = Variants()[0].Comparison("wait_mean_s:hadoop");
        Assert.That(waits.Mean - waits.HalfWidth, Is.LessThan(0));
        var panel = Build().Single(f => f.Name == "framework-times").Panels[0];
        var whiskers = panel.GetPlottables<LinePlot>().ToArray();
        Assert.That(whiskers, Is.Not.Empty);
        Assert.That(whiskers.SelectMany(w => new[] { w.Start.Y, w.End.Y }), Has.All.GreaterThanOrEqualTo(0));
        Assert.That(whiskers.SelectMany(w => new[] { w.Start.Y, w.End.Y }), Has.Some.EqualTo(0));
        Assert.That(whiskers.SelectMany(w => new[] { w.Start.Y, w.End.Y }), Has.Some.EqualTo(waits.CiHigh).Within(1e-9));
    }

    [Test]
    public void SeedBands_StayInTheMetricsDomain()
    {
        var variant = Variants()[0];
        // Utilisation 0.51, 0.52, 0.53 over seeds: the band lies around it; clipped to [0, 0.515] it cannot pass the ceiling.
        var band = SeedBand.Of("cpu", variant, s => s.CpuUtilisation, new Domain(0, 0.515));
        Assert.That(band.Y[0], Is.EqualTo(0.52).Within(1e-12));
        Assert.That(band.Low![0], Is.LessThan(0.51));
        Assert.That(band.High, Has.All.EqualTo(0.515));
    }

    [Test]
    public void LinesThatCouldHideOneAnother_DifferInColourAndPattern()
    {
        foreach (var panel in Build().Where(f => f.Name is "utilisation" or "shares" or "fairness" or "jct-cdf").SelectMany(f => f.Panels))
        {
            var lines = panel.GetPlottables<Scatter>().ToArray();
            Assert.That(lines, Has.Length.GreaterThan(1));
            Assert.That(lines.Select(l => l.LineColor).Distinct().Count(), Is.EqualTo(lines.Length));
            Assert.That(lines.Select(l => l.LinePattern.Name).Distinct().Count(), Is.EqualTo(lines.Length));
        }
    }

    [Test]
    public void Shares_ShareOneYScale_AndARolesBandStopsAtOneOverItsWeight()
    {
        var shares = Build().Single(f => f.Name == "shares");
        var limits = shares.Panels.Select(p => p.Axes.GetLimits()).Select(l => (l.Bottom, l.Top)).Distinct().ToArray();
        Assert.That(limits, Has.Length.EqualTo(1));
        // analytics has weight 2: its weighted share is at most 0.5, though the t interval over 0.2, 0.35, 0.5 reaches 0.72.
        var analytics = shares.Panels[0].GetPlottables<FillY>().First().GetAxisLimits();
        Assert.That((analytics.Bottom, analytics.Top), Is.EqualTo((0.0, 0.5)));
    }

    [Test]
    public void Differences_APanelPerMetric_ABarPerComparison()
    {
        var figure = DifferenceChart.Build("differences", Differences);
        Assert.That(figure.Panels, Has.Count.EqualTo(2));
        Assert.That(figure.Panels.Select(p => p.GetPlottables<BarPlot>().Single().Bars.Single().Value), Is.EqualTo(new[] { -0.02, 4 }));
    }
}
