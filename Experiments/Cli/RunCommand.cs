using System.CommandLine;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim run FILE.yaml [--out DIR] [--variant NAME] [--jobs N]</c>: simulates every variant over its
/// seeds and writes CSV results, plots, report.html and run.json.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The experiment file (YAML)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: results/<name>/)" };
        var variant = new Option<string?>("--variant") { Description = "Run only this variant" };
        var jobs = new Option<int>("--jobs") { Description = "Runs in parallel (default: the core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("run", "Simulate an experiment and write CSV results, plots and an HTML report") { file, output, variant, jobs };
        command.SetAction(result => Run(result.GetValue(file)!.ToString(), result.GetValue(output), result.GetValue(variant), result.GetValue(jobs)));
        return command;
    }

    public static int Run(string path, string? output, string? variant, int jobs)
    {
        Model.ExperimentFile file;
        ExperimentRunner runner;
        try
        {
            file = ExperimentParser.ParseFile(path);
            runner = new ExperimentRunner(file, variant, jobs);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        if (jobs < 1)
        {
            Console.Error.WriteLine($"error: --jobs: expected at least 1, found {jobs}");
            return 2;
        }
        var dir = output ?? ExperimentRunner.DefaultOutput(file.Name);
        var plan = runner.Plan();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var results = ProgressDisplay.Run(plan.Select(p => p.Progress).ToArray(), () => runner.Run(dir, plan));
            Console.WriteLine($"{file.Name}: {plan.Count} run(s) of {results.Count} variant(s) in {clock.Elapsed.TotalSeconds:0.0} s");
            foreach (var v in results)
            {
                var util = v.Comparison("cpu_util_mean");
                var jct = v.Comparison("jct_mean_s");
                Console.WriteLine($"  {v.Name,-16} cpu util {util.Mean * 100,6:0.0} %   mean JCT {(double.IsNaN(jct.Mean) ? "-" : jct.Mean.ToString("0.0") + " s"),10}   fairness {v.Comparison("jain_fairness").Mean:0.000}");
            }
            foreach (var check in results.Select(Output.QueueingCheck.Evaluate).Where(c => c != null))
                Console.WriteLine($"  erlang-c {check!.Variant}: analytic wait {check.Analytic:0.0} s, simulated {check.Simulated.Mean:0.0} s [{check.Simulated.CiLow:0.0}, {check.Simulated.CiHigh:0.0}] {(check.Passed ? "pass" : "FAIL")}");
            Console.WriteLine($"wrote {Path.Combine(dir, "report.html")}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or AggregateException)
        {
            Console.Error.WriteLine("error: the run failed, nothing was written to " + dir + ": " + (e is AggregateException a ? a.InnerException?.Message : e.Message));
            return 1;
        }
    }
}
