using System.CommandLine;
using ClusterSim.Experiments.Fidelity;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim compare SIMDIR LIVEDIR [--out DIR] [--overhead 2.5]</c>: how faithful a live run was to
/// the simulation of the same file: per-metric differences with tolerances, and overlaid plots, in DIR
/// (default LIVEDIR/compare). Exit code 0 when every metric is within tolerance, 3 when not.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var sim = new Argument<DirectoryInfo>("simdir") { Description = "Output folder of the simulated run" };
        var live = new Argument<DirectoryInfo>("livedir") { Description = "Output folder of the live run (run --live)" };
        var output = new Option<string?>("--out") { Description = "Where to write compare.html, compare.csv and the plots (default: LIVEDIR/compare)" };
        var overhead = new Option<double>("--overhead") { Description = "Per-task overhead budget of the live run, in wall seconds", DefaultValueFactory = _ => FidelityTolerance.DefaultOverheadWallSeconds };
        var command = new Command("compare", "Compare a live run with its simulation: metric differences and overlaid plots") { sim, live, output, overhead };
        command.SetAction(result =>
        {
            var liveDir = result.GetValue(live)!.FullName;
            try
            {
                var liveRun = RunOutputs.Read(liveDir);
                var simRun = RunOutputs.Read(result.GetValue(sim)!.FullName, liveRun.Seed);
                var report = FidelityReport.Build(simRun, liveRun, result.GetValue(overhead));
                var dir = result.GetValue(output) ?? Path.Combine(liveDir, "compare");
                report.Write(dir);
                foreach (var m in report.Metrics)
                    Console.WriteLine($"  {m.Name,-24} sim {m.Simulated,10:0.###}  live {m.Live,10:0.###}  diff {m.Difference,9:0.###}  tol {m.Tolerance,8:0.###}  {(m.Within ? "ok" : "OUT")}");
                Console.WriteLine($"wrote {Path.Combine(dir, "compare.html")}");
                return report.AllWithin ? 0 : 3;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }
}
