using ClusterSim.Experiments.Bench;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Tests.Plots;

namespace ClusterSim.Experiments.Tests.Bench;

public class BenchReportTests
{
    private static readonly ScaleResult[] Results =
    [
        new("scale-10k", 10_000, 1_100_000, 1_000_000, 9_000_000, 86_400, 20.5, 900L << 20),
        new("scale-1k", 1_000, 110_000, 100_000, 900_000, 86_400, 2.0, 120L << 20),
    ];

    [Test]
    public void ResultLine_RoundTrips_Exactly()
    {
        var result = Results[0] with
        {
            WallSeconds = 1.0 / 3,
            GcPauseSeconds = 0.1,
            Gen2Collections = 7,
            AllocatedBytes = 2_400_000_123,
            Gen0Collections = 21,
            Gen1Collections = 6,
            CpuSeconds = 12.25,
        };
        Assert.That(ScaleResult.Parse(result.ToLine()), Is.EqualTo(result));
    }

    [Test]
    public void Rates_AreEventsAndSimulatedSecondsPerWallSecond()
    {
        Assert.That(Results[1].EventsPerSecond, Is.EqualTo(450_000));
        Assert.That(Results[1].SimulatedToWall, Is.EqualTo(43_200));
        Assert.That(Results[1].PeakWorkingSetMegabytes, Is.EqualTo(120));
        Assert.That(Results[1].MicrosecondsPerTask, Is.EqualTo(2.0 * 1e6 / 110_000).Within(1e-9));
    }

    [Test]
    public void CostCurve_IsLogLog_WithBothSeriesInTheLegend()
    {
        var svg = new SvgDocument(BenchReport.CostCurve(Results, "cost").Render(FigureSize.Default).Svg);
        Assert.That(svg.Texts(), Does.Contain("wall seconds").And.Contain("linear in agents (from the smallest run)"));
        // Log axes: ticks at powers of ten, labelled with the values.
        Assert.That(svg.Texts(), Does.Contain("Agents (log scale)").And.Contain("1000").And.Contain("10000"));
    }

    [Test]
    public void CostCurve_MarksTheMeasuredRuns_AndNotTheReferenceLine()
    {
        var lines = BenchReport.CostCurve(Results, "cost").Panels[0].GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .ToDictionary(s => s.LegendText, s => (s.MarkerShape, s.MarkerSize));
        Assert.That(lines["wall seconds"], Is.EqualTo((ScottPlot.MarkerShape.FilledCircle, 7f)));
        Assert.That(lines["linear in agents (from the smallest run)"], Is.EqualTo((ScottPlot.MarkerShape.None, 0f)));
    }

    [Test]
    public void Write_PutsOneCsvRowPerRun_InTheOrderGiven()
    {
        var dir = Path.Combine(Path.GetTempPath(), "clustersim-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = BenchReport.Write(Results, dir, "cost");
            var lines = File.ReadAllLines(written[0]);
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.StartWith("experiment,agents,tasks_submitted"));
            Assert.That(lines[1], Does.StartWith("scale-10k,10000,1100000,1000000,9000000,86400,20.5,"));
            Assert.That(lines[0], Does.EndWith(",gc_pause_s,gen2_collections,allocated_mb,gen0_collections,gen1_collections,cpu_s"));
            Assert.That(File.Exists(written[1]), Is.True);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ScaleExperiments_ParseAndGrowTenfoldInAgents()
    {
        var agents = new[] { "scale-1k", "scale-10k", "scale-100k" }
            .Select(n => ClusterSim.Experiments.Config.ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", n + ".yaml")).Variants[0].Cluster.StaticAgentCount)
            .ToArray();
        Assert.That(agents, Is.EqualTo(new[] { 1_000, 10_000, 100_000 }));
        Assert.That(ScaleBench.Variants(RepositoryRoot.Combine("experiments", "scale-10k-idle.yaml")),
            Is.EqualTo(new[] { "skip-idle-runs", "every-run" }));
    }
}
