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
        using var dir = new TempFolder();
        var written = BenchReport.Write(Results, dir.Path, "cost");
        var lines = File.ReadAllLines(written[0]);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.StartWith("experiment,agents,tasks_submitted"));
        Assert.That(lines[1], Does.StartWith("scale-10k,10000,1100000,1000000,9000000,86400,20.5,"));
        Assert.That(lines[0], Does.EndWith(",gc_pause_s,gen2_collections,allocated_mb,gen0_collections,gen1_collections,cpu_s,repeat"));
        Assert.That(written.Skip(1).Select(Path.GetFileName), Is.EqualTo(new[] { "spread.csv", "cost.png", "cost.svg" }));
        Assert.That(written.All(File.Exists), Is.True);
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

    // Two sizes measured in rounds, as `bench --repeat` runs them: 10k three times, 1k twice.
    private static readonly ScaleResult[] Repeated =
    [
        Results[0] with { WallSeconds = 20.5, GcPauseSeconds = 1.5, Repeat = 1 },
        Results[1] with { WallSeconds = 2.4, Repeat = 1 },
        Results[0] with { WallSeconds = 22.5, GcPauseSeconds = 1.25, PeakWorkingSetBytes = 950L << 20, Repeat = 2 },
        Results[1] with { WallSeconds = 2.0, Repeat = 2 },
        Results[0] with { WallSeconds = 21.0, GcPauseSeconds = 2.0, Repeat = 3 },
    ];

    [Test]
    public void Spread_GivesEachExperimentsLeastMedianAndGreatestWall_InTheOrderFirstMeasured()
    {
        var spreads = BenchSpread.Of(Repeated);
        Assert.That(spreads, Is.EqualTo(new[]
        {
            new BenchSpread("scale-10k", 10_000, 3, 20.5, 21.0, 22.5, 950, 1.25, 2.0),
            new BenchSpread("scale-1k", 1_000, 2, 2.0, 2.2, 2.4, 120, 0, 0),
        }));
    }

    [Test]
    public void Write_WithRepeats_NumbersEachRunsRow_AndWritesEachExperimentsSpread()
    {
        using var dir = new TempFolder();
        var written = BenchReport.Write(Repeated, dir.Path, "cost");
        var rows = File.ReadAllLines(written[0]);
        Assert.That(rows[0], Does.EndWith(",cpu_s,repeat"));
        Assert.That(rows.Skip(1).Select(r => r[(r.LastIndexOf(',') + 1)..]), Is.EqualTo(new[] { "1", "1", "2", "2", "3" }));
        Assert.That(Path.GetFileName(written[1]), Is.EqualTo("spread.csv"));
        Assert.That(File.ReadAllLines(written[1]), Is.EqualTo(new[]
        {
            "experiment,agents,runs,wall_s_min,wall_s_median,wall_s_max,peak_working_set_mb_max,gc_pause_s_min,gc_pause_s_max",
            "scale-10k,10000,3,20.5,21,22.5,950,1.25,2",
            "scale-1k,1000,2,2,2.2,2.4,120,0,0",
        }));
    }

    [Test]
    public void CostCurve_WithRepeats_RunsThroughTheMedians_AndMarksEveryRun()
    {
        var lines = BenchReport.CostCurve(Repeated, "cost").Panels[0].GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .ToDictionary(s => s.LegendText, s => s.Data.GetScatterPoints().Select(p => (Math.Round(p.X, 9), Math.Round(p.Y, 9))).ToArray());
        Assert.That(lines["wall seconds (median)"], Is.EqualTo(new[] { (3.0, Math.Round(Math.Log10(2.2), 9)), (4.0, Math.Round(Math.Log10(21.0), 9)) }));
        Assert.That(lines["each run"], Has.Length.EqualTo(5));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Repeat_BelowOne_IsAUsageError(int repeat) =>
        Assert.That(UsageError(() => ClusterSim.Experiments.Cli.BenchCommand.Run([], quick: true, output: null, horizonText: null, single: null, variant: null, repeats: repeat)),
            Is.EqualTo($"error: --repeat: expected a whole number of runs, at least 1, found {repeat}"));

    [Test]
    public void Repeat_NotAWholeNumber_IsAUsageErrorNamingIt()
    {
        var errors = ClusterSim.Experiments.Cli.BenchCommand.Create().Parse(["--repeat", "two"]).Errors.Select(e => e.Message).ToArray();
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0], Does.Contain("'two'").And.Contain("--repeat"));
    }

    [Test]
    public void Repeat_WithSingle_IsAUsageError() =>
        Assert.That(UsageError(() => ClusterSim.Experiments.Cli.BenchCommand.Run([], quick: true, output: null, horizonText: null, single: "x.yaml", variant: null, repeats: 2)),
            Is.EqualTo("error: --repeat: a --single run is one run; --repeat goes without --single"));

    /// <summary>Runs a command that must stop at a usage error: exit 2; returns what it wrote to standard error.</summary>
    private static string UsageError(Func<int> command)
    {
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(command(), Is.EqualTo(2));
        }
        finally
        {
            Console.SetError(before);
        }
        return error.ToString().Trim();
    }
}
