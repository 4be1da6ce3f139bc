using System.CommandLine;
using System.Globalization;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Bench;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim bench [--quick] [--repeat N] [--out DIR] [FILE ...]</c>: runs the whole-simulation scale experiments
/// (experiments/scale-1k, -10k and -100k by default), each in a child process, and prints per size the agents,
/// tasks, events, simulated and wall seconds (every variant of a file on its own), events per second, simulated-to-wall ratio and peak working set;
/// writes them to bench.csv and a log-log cost curve, cost.png and cost.svg. <c>--quick</c> runs the 1k and 10k sizes for
/// one simulated hour (under a minute).
/// </summary>
public static class BenchCommand
{
    private static readonly string[] FullSizes = ["experiments/scale-1k.yaml", "experiments/scale-10k.yaml", "experiments/scale-100k.yaml"];
    private static readonly string[] QuickSizes = ["experiments/scale-1k.yaml", "experiments/scale-10k.yaml"];
    private static readonly Duration QuickHorizon = Duration.FromHours(1);

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Scale experiment files (default: experiments/scale-{1k,10k,100k}.yaml)", Arity = ArgumentArity.ZeroOrMore };
        var quick = new Option<bool>("--quick") { Description = "The 1k and 10k sizes for one simulated hour: under a minute" };
        var output = new Option<string>("--out") { Description = "Output folder (default: results/bench, or results/bench/quick with --quick; git ignores both)" };
        var horizon = new Option<string?>("--horizon") { Description = "Stop every run at this simulated time, e.g. 2h" };
        var single = new Option<string?>("--single") { Description = "Measure one file in this process and print its result line (what each child runs)", Hidden = true };
        var variant = new Option<string?>("--variant") { Description = "With --single: the variant to measure", Hidden = true };
        var progress = new Option<bool>("--progress") { Description = "With --single: print how far the run has got every second", Hidden = true };
        var repeat = new Option<int>("--repeat") { Description = "Run every size N times, in rounds, and report each one's spread (least, median, greatest wall time)", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Measure what whole simulations cost as the cluster grows, and plot the curve") { files, quick, output, horizon, single, variant, progress, repeat };
        command.Subcommands.Add(LiveBenchCommand.Create());
        command.SetAction(result => Run(result.GetValue(files) ?? [], result.GetValue(quick), result.GetValue(output),
            result.GetValue(horizon), result.GetValue(single), result.GetValue(variant), result.GetValue(progress), result.GetValue(repeat)));
        return command;
    }

    public static int Run(FileInfo[] files, bool quick, string? output, string? horizonText, string? single, string? variant,
        bool progress = false, int repeats = 1)
    {
        // The parser has checked that --repeat is a whole number.
        if (repeats < 1)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --repeat: expected a whole number of runs, at least 1, found {repeats}"));
            return 2;
        }
        if (repeats > 1 && single != null)
        {
            Console.Error.WriteLine("error: --repeat: a --single run is one run; --repeat goes without --single");
            return 2;
        }
        Duration? horizon = quick ? QuickHorizon : null;
        if (horizonText != null)
        {
            if (!Duration.TryParse(horizonText, out var h, out var error) || h <= Duration.Zero || h.IsForever)
            {
                Console.Error.WriteLine($"error: --horizon: expected a positive duration such as 2h, found '{horizonText}'{(error.Length > 0 ? ": " + error : "")}");
                return 2;
            }
            horizon = h;
        }
        try
        {
            if (single != null)
            {
                Console.WriteLine(ScaleBench.ResultMarker
                                  + ScaleBench.Measure(single, variant ?? "base", horizon, progress ? Console.Out : null).ToLine());
                return 0;
            }
            var paths = files.Length > 0 ? files.Select(f => f.ToString()).ToArray() : quick ? QuickSizes : FullSizes;
            // Every file is checked before hours are spent on the first.
            // Repeated runs go in rounds, every size once a round, so that the machine's drift reaches them all alike.
            var sizes = paths.SelectMany(path => ScaleBench.Variants(path).Select(v => (path, v))).ToArray();
            var runs = Enumerable.Range(1, repeats).SelectMany(k => sizes.Select(r => (r.path, r.v, k))).ToArray();
            var reached = runs.Select(r => new RunProgress(Path.GetFileNameWithoutExtension(r.path) + (r.v == "base" ? "" : "/" + r.v)
                    + (repeats > 1 ? string.Create(CultureInfo.InvariantCulture, $" #{r.k}") : ""),
                ScaleBench.SimulatedSeconds(r.path, r.v, horizon))).ToArray();
            bool showBars = ProgressDisplay.IsInteractive;
            var results = ProgressDisplay.Run(reached, () =>
            {
                var measured = new List<ScaleResult>();
                for (int i = 0; i < runs.Length; i++)
                {
                    var (path, v, k) = runs[i];
                    if (!showBars)
                        Console.Error.WriteLine($"running {path}{(v == "base" ? "" : " variant " + v)}{(horizon is { } h ? string.Create(CultureInfo.InvariantCulture, $" for {h}") : "")}{(repeats > 1 ? string.Create(CultureInfo.InvariantCulture, $", run {k} of {repeats}") : "")} ...");
                    measured.Add(ScaleBench.MeasureInChild(path, v, horizon, reached[i]) with { Repeat = k });
                }
                return measured;
            });
            BenchReport.Print(results, Console.Out);
            if (repeats > 1)
            {
                Console.WriteLine();
                BenchReport.PrintSpread(BenchSpread.Of(results), Console.Out);
            }
            var dir = output ?? (quick ? Path.Combine("results", "bench", "quick") : Path.Combine("results", "bench"));
            foreach (var written in BenchReport.Write(results, dir, quick ? "Simulation cost (quick: one simulated hour)" : "Simulation cost: one simulated day"))
                Console.WriteLine($"wrote {written}");
            return 0;
        }
        catch (Exception e) when (e is ConfigException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
