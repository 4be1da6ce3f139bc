using System.Globalization;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Plots;

namespace ClusterSim.Experiments.Bench;

/// <summary>Prints the scale runs as a table and writes them as bench.csv and a log-log cost curve,
/// cost.png and cost.svg.</summary>
public static class BenchReport
{
    public static void Print(IReadOnlyList<ScaleResult> results, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        bool repeated = Repeated(results);
        int w = Math.Max(12, results.Select(r => Label(r, repeated).Length).DefaultIfEmpty(0).Max());
        output.WriteLine(string.Create(c,
            $"{"experiment".PadRight(w)} {"agents",8} {"tasks",10} {"events",12} {"sim s",8} {"wall s",8} {"events/s",11} {"sim/wall",9} {"us/task",8} {"peak MB",8} {"GC s",6} {"alloc MB",9} {"gen0/1/2",10} {"CPU s",7}"));
        foreach (var r in results)
            output.WriteLine(string.Create(c,
                $"{Label(r, repeated).PadRight(w)} {r.Agents,8} {r.TasksSubmitted,10} {r.Events,12} {r.SimulatedSeconds,8:0} {r.WallSeconds,8:0.00} {r.EventsPerSecond,11:0} {r.SimulatedToWall,9:0} {r.MicrosecondsPerTask,8:0.0} {r.PeakWorkingSetMegabytes,8:0} {r.GcPauseSeconds,6:0.0} {r.AllocatedMegabytes,9:0} {$"{r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections}",10} {r.CpuSeconds,7:0.00}"));
    }

    /// <summary>The experiment's name, and the run's number when runs were repeated.</summary>
    private static string Label(ScaleResult r, bool repeated) => repeated ? $"{r.Experiment} #{r.Repeat}" : r.Experiment;

    private static bool Repeated(IReadOnlyList<ScaleResult> results) => results.Any(r => r.Repeat > 1);

    /// <summary>Prints the spread of each experiment's runs: their number, the least, median and greatest wall time,
    /// the greatest peak memory and the range of collection pauses.</summary>
    public static void PrintSpread(IReadOnlyList<BenchSpread> spreads, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        int w = Math.Max(12, spreads.Select(s => s.Experiment.Length).DefaultIfEmpty(0).Max());
        output.WriteLine(string.Create(c,
            $"{"experiment".PadRight(w)} {"runs",5} {"wall s min",11} {"median",8} {"max",8} {"peak MB max",12} {"GC s",12}"));
        foreach (var s in spreads)
            output.WriteLine(string.Create(c,
                $"{s.Experiment.PadRight(w)} {s.Runs,5} {s.WallMin,11:0.00} {s.WallMedian,8:0.00} {s.WallMax,8:0.00} {s.PeakWorkingSetMegabytesMax,12:0} {$"{s.GcPauseMin:0.0}-{s.GcPauseMax:0.0}",12}"));
    }

    /// <summary>Writes bench.csv, spread.csv, cost.png and cost.svg into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<ScaleResult> results, string directory, string title)
    {
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "bench.csv");
        using (var table = new CsvTable(csv, "experiment", "agents", "tasks_submitted", "tasks_completed", "events",
                   "simulated_s", "wall_s", "events_per_s", "sim_to_wall", "peak_working_set_mb", "wall_us_per_task",
                   "gc_pause_s", "gen2_collections", "allocated_mb", "gen0_collections", "gen1_collections", "cpu_s", "repeat"))
        {
            foreach (var r in results)
                table.Add(r.Experiment).Add(r.Agents).Add(r.TasksSubmitted).Add(r.TasksCompleted).Add(r.Events)
                    .Add(r.SimulatedSeconds).Add(Math.Round(r.WallSeconds, 3)).Add(Math.Round(r.EventsPerSecond))
                    .Add(Math.Round(r.SimulatedToWall, 1)).Add(Math.Round(r.PeakWorkingSetMegabytes, 1))
                    .Add(Math.Round(r.MicrosecondsPerTask, 2)).Add(Math.Round(r.GcPauseSeconds, 3)).Add(r.Gen2Collections)
                    .Add(Math.Round(r.AllocatedMegabytes, 1)).Add(r.Gen0Collections).Add(r.Gen1Collections).Add(Math.Round(r.CpuSeconds, 3)).Add(r.Repeat).EndRow();
        }
        var spreadCsv = Path.Combine(directory, "spread.csv");
        using (var table = new CsvTable(spreadCsv, "experiment", "agents", "runs", "wall_s_min", "wall_s_median", "wall_s_max",
                   "peak_working_set_mb_max", "gc_pause_s_min", "gc_pause_s_max"))
        {
            foreach (var sp in BenchSpread.Of(results))
                table.Add(sp.Experiment).Add(sp.Agents).Add(sp.Runs).Add(Math.Round(sp.WallMin, 3)).Add(Math.Round(sp.WallMedian, 3))
                    .Add(Math.Round(sp.WallMax, 3)).Add(Math.Round(sp.PeakWorkingSetMegabytesMax, 1))
                    .Add(Math.Round(sp.GcPauseMin, 3)).Add(Math.Round(sp.GcPauseMax, 3)).EndRow();
        }
        var figure = CostCurve(results, title).Render(FigureSize.Default);
        return [csv, spreadCsv, .. figure.Write(directory)];
    }

    /// <summary>
    /// Wall seconds against agents on log-log axes, with a line of slope one through the smallest run: a
    /// simulator whose cost grows linearly with the cluster runs parallel to it. With repeated runs the line goes
    /// through each experiment's median and every run is marked apart. cost.png and cost.svg.
    /// </summary>
    public static Figure CostCurve(IReadOnlyList<ScaleResult> results, string title)
    {
        var plot = Panel.Create(title, "Agents (log scale)", "Wall-clock time (s, log scale)");
        var measured = results.Where(r => r.Agents > 0 && r.WallSeconds > 0).ToArray();
        bool repeated = Repeated(measured);
        var points = BenchSpread.Of(measured).OrderBy(s => s.Agents).Select(s => ((double)s.Agents, s.WallMedian)).ToArray();
        if (points.Length > 0)
        {
            var (x0, y0) = points[0];
            var series = new List<(string, (double, double)[])>
            {
                (repeated ? "wall seconds (median)" : "wall seconds", points),
                ("linear in agents (from the smallest run)", points.Select(p => (p.Item1, y0 * p.Item1 / x0)).ToArray()),
            };
            if (repeated) series.Add(("each run", measured.Select(r => ((double)r.Agents, r.WallSeconds)).ToArray()));
            for (int i = 0; i < series.Count; i++)
            {
                var style = SeriesStyle.For(i);
                var line = plot.Add.ScatterLine(series[i].Item2.Select(p => Math.Log10(p.Item1)).ToArray(), series[i].Item2.Select(p => Math.Log10(p.Item2)).ToArray(), style.Color);
                line.LegendText = series[i].Item1;
                // The measured runs are marked; the reference line is not (it has no data points). Skia's SVG
                // backend also cannot draw a marker with a dashed line's path effect, which ScottPlot leaves on its
                // shared paint: each such marker printed "Unsupported path effect in addPaint." to the terminal.
                // Every repeated run is a marker alone, drawn with a solid (unseen) line for that reason.
                bool eachRun = i == 2;
                line.LinePattern = eachRun ? ScottPlot.LinePattern.Solid : style.Pattern;
                line.LineWidth = eachRun ? 0 : SeriesStyle.LineWidth;
                bool marked = i != 1;
                line.MarkerShape = marked ? style.Marker : ScottPlot.MarkerShape.None;
                line.MarkerSize = eachRun ? 5 : marked ? 7 : 0;
            }
            var ys = series.SelectMany(s => s.Item2).Select(p => p.Item2).ToArray();
            Panel.LogTicks(plot.Axes.Bottom, points.Min(p => p.Item1), points.Max(p => p.Item1));
            Panel.LogTicks(plot.Axes.Left, ys.Min(), ys.Max());
        }
        Panel.LegendOutside(plot);
        return new Figure("cost", title, plot);
    }
}
