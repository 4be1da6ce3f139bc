using System.CommandLine;
using ClusterSim.Experiments.Fidelity;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim compare SIMDIR LIVEDIR [--out DIR] [--overhead 2.5]</c>: how faithful a live run was to
/// the simulation of the same file: per-metric differences with tolerances, and overlaid plots, in DIR
/// (default LIVEDIR/compare). Exit code 0 when every metric is within tolerance, 3 when not, 2 when a folder
/// is not what its place asks for (SIMDIR a simulation's output, LIVEDIR a live run's).
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
        command.SetAction(result => Compare(result.GetValue(sim)!.FullName, result.GetValue(live)!.FullName,
            result.GetValue(output), result.GetValue(overhead), Console.Out, Console.Error));
        return command;
    }

    public static int Compare(string simDir, string liveDir, string? outputDir, double overhead, TextWriter output, TextWriter error)
    {
        try
        {
            if (!IsMode(liveDir, "live", "live run (clustersim run --live)", error)
                || !IsMode(simDir, "simulation", "simulation (clustersim run)", error))
                return 2;
            var liveRun = RunOutputs.Read(liveDir);
            var simRun = RunOutputs.Read(simDir, liveRun.Seed);
            var report = FidelityReport.Build(simRun, liveRun, overhead);
            var target = outputDir ?? Path.Combine(liveDir, "compare");
            report.Write(target);
            foreach (var m in report.Metrics)
                output.WriteLine($"  {m.Name,-24} sim {m.Simulated,10:0.###}  live {m.Live,10:0.###}  diff {m.Difference,9:0.###}  tol {m.Tolerance,8:0.###}  {(m.Within ? "ok" : "OUT")}");
            output.WriteLine($"wrote {Path.Combine(target, "compare.html")}");
            return report.AllWithin ? 0 : 3;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException
                                      or KeyNotFoundException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            error.WriteLine("error: " + e.Message);
            return 2;
        }
    }

    /// <summary>
    /// Whether <paramref name="dir"/>'s run.json says <paramref name="mode"/> (a run.json without a mode is a
    /// simulation's, as RunOutputs reads it); if not, says so on <paramref name="error"/>.
    /// </summary>
    private static bool IsMode(string dir, string mode, string expected, TextWriter error)
    {
        var runJson = Path.Combine(dir, "run.json");
        if (!File.Exists(runJson)) throw new FileNotFoundException($"{runJson} does not exist; expected the output folder of a clustersim run");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(runJson));
        var found = doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("mode", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String
            ? m.GetString() : "simulation";
        if (found == mode) return true;
        error.WriteLine($"error: {runJson}: mode: expected the output folder of a {expected}, found '{found}'");
        return false;
    }
}
