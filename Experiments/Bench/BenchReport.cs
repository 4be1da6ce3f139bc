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
        int w = Math.Max(12, results.Select(r => r.Experiment.Length).DefaultIfEmpty(0).Max());
        output.WriteLine(string.Create(c,
            $"{"experiment".PadRight(w)} {"agents",8} {"tasks",10} {"events",12} {"sim s",8} {"wall s",8} {"events/s",11} {"sim/wall",9} {"us/task",8} {"peak MB",8} {"GC s",6} {"alloc MB",9} {"gen0/1/2",10} {"CPU s",7}"));
        foreach (var r in results)
            output.WriteLine(string.Create(c,
                $"{r.Experiment.PadRight(w)} {r.Agents,8} {r.TasksSubmitted,10} {r.Events,12} {r.SimulatedSeconds,8:0} {r.WallSeconds,8:0.00} {r.EventsPerSecond,11:0} {r.SimulatedToWall,9:0} {r.MicrosecondsPerTask,8:0.0} {r.PeakWorkingSetMegabytes,8:0} {r.GcPauseSeconds,6:0.0} {r.AllocatedMegabytes,9:0} {$"{r.Gen0Collections}/{r.Gen1Collections}/{r.Gen2Collections}",10} {r.CpuSeconds,7:0.00}"));
    }

    /// <summary>Writes bench.csv, cost.png and cost.svg into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<ScaleResult> results, string directory, string title)
    {
        Directory.CreateDirectory(directory);
        var csv = Path.Combine(directory, "bench.csv");
        using (var table = new CsvTable(csv, "experiment", "agents", "tasks_submitted", "tasks_completed", "events",
                   "simulated_s", "wall_s", "events_per_s", "sim_to_wall", "peak_working_set_mb", "wall_us_per_task",
                   "gc_pause_s", "gen2_collections", "allocated_mb", "gen0_collections", "gen1_collections", "cpu_s"))
        {
            foreach (var r in results)
                table.Add(r.Experiment).Add(r.Agents).Add(r.TasksSubmitted).Add(r.TasksCompleted).Add(r.Events)
                    .Add(r.SimulatedSeconds).Add(Math.Round(r.WallSeconds, 3)).Add(Math.Round(r.EventsPerSecond))
                    .Add(Math.Round(r.SimulatedToWall, 1)).Add(Math.Round(r.PeakWorkingSetMegabytes, 1))
                    .Add(Math.Round(r.MicrosecondsPerTask, 2)).Add(Math.Round(r.GcPauseSeconds, 3)).Add(r.Gen2Collections)
                    .Add(Math.Round(r.AllocatedMegabytes, 1)).Add(r.Gen0Collections).Add(r.Gen1Collections).Add(Math.Round(r.CpuSeconds, 3)).EndRow();
        }
        var figure = CostCurve(results, title).Render(FigureSize.Default);
        return [csv, .. figure.Write(directory)];
    }

    /// <summary>
    /// Wall seconds against agents on log-log axes, with a line of slope one through the smallest run: a
    /// simulator whose cost grows linearly with the cluster runs parallel to it. cost.png and cost.svg.
    /// </summary>
    public static Figure CostCurve(IReadOnlyList<ScaleResult> results, string title)
    {
        var plot = Panel.Create(title, "Agents (log scale)", "Wall-clock time (s, log scale)");
        var points = results.OrderBy(r => r.Agents).Where(r => r.Agents > 0 && r.WallSeconds > 0).Select(r => ((double)r.Agents, r.WallSeconds)).ToArray();
        if (points.Length > 0)
        {
            var (x0, y0) = points[0];
            var series = new[]
            {
                ("wall seconds", points),
                ("linear in agents (from the smallest run)", points.Select(p => (p.Item1, y0 * p.Item1 / x0)).ToArray()),
            };
            for (int i = 0; i < series.Length; i++)
            {
                var style = SeriesStyle.For(i);
                var line = plot.Add.ScatterLine(series[i].Item2.Select(p => Math.Log10(p.Item1)).ToArray(), series[i].Item2.Select(p => Math.Log10(p.Item2)).ToArray(), style.Color);
                line.LegendText = series[i].Item1;
                line.LinePattern = style.Pattern;
                line.LineWidth = SeriesStyle.LineWidth;
                // The measured runs are marked; the reference line is not (it has no data points). Skia's SVG
                // backend also cannot draw a marker with a dashed line's path effect, which ScottPlot leaves on its
                // shared paint: each such marker printed "Unsupported path effect in addPaint." to the terminal.
                bool measured = i == 0;
                line.MarkerShape = measured ? style.Marker : ScottPlot.MarkerShape.None;
                line.MarkerSize = measured ? 7 : 0;
            }
            var ys = series.SelectMany(s => s.Item2).Select(p => p.Item2).ToArray();
            Panel.LogTicks(plot.Axes.Bottom, points.Min(p => p.Item1), points.Max(p => p.Item1));
            Panel.LogTicks(plot.Axes.Left, ys.Min(), ys.Max());
        }
        Panel.LegendOutside(plot);
        return new Figure("cost", title, plot);
    }
}
