using System.CommandLine;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim run FILE.yaml [--out DIR] [--variant NAME] [--jobs N]</c>: simulates every variant over its
/// seeds and writes CSV results, plots, report.html and run.json. With <c>--live --token-file F</c> the same
/// file runs live: a master on the live: section's listen URL (or <c>--listen</c>) drives the agent daemons
/// that register with it, and the outputs are the same files, marked mode: live. With <c>--live --master URL
/// --principal NAME --secret-file F</c> the file's frameworks subscribe to that standing master instead (its
/// scheduler API) and run their work on its agents. With <c>--shard K/N</c> it simulates only the K-th of N
/// shares of the runs, for <c>clustersim merge</c> (see <see cref="ShardCommand"/>).
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The experiment file (YAML)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: results/<name>/, or results/<name>-live/ with --live)" };
        var variant = new Option<string?>("--variant") { Description = "Run only this variant" };
        var jobs = new Option<int>("--jobs") { Description = "Runs in parallel (default: the core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var live = new Option<bool>("--live") { Description = "Run on real agents (clustersim agent) instead of simulating; needs the file's live: section" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "With --live: file holding the bearer token agents and operators must present" };
        var listen = new Option<string?>("--listen") { Description = "With --live: the master's listen URL, overriding live.master.listen" };
        var master = new Option<string?>("--master") { Description = "With --live: a standing master's URL, or several separated by commas (the leader is found and followed); the frameworks subscribe to it instead of a master of the run's own" };
        var etcd = new Option<string?>("--etcd") { Description = "With --live, instead of --master: etcd endpoints (comma-separated URLs) where standing masters campaign for leadership; the frameworks subscribe to the leader among them" };
        var principal = new Option<string?>("--principal") { Description = "With --master: the principal the frameworks subscribe as (it must be allowed their roles)" };
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "With --master: file holding the principal's secret" };
        var shard = new Option<string?>("--shard") { Description = "Run only the K-th of N disjoint shares of the runs (K/N, K from 1), for `clustersim merge`" };
        var command = new Command("run", "Simulate an experiment (or run it live) and write CSV results, plots and an HTML report")
            { file, output, variant, jobs, live, tokenFile, listen, master, etcd, principal, secretFile, shard };
        command.SetAction(result =>
        {
            if (result.GetValue(shard) is { } share)
            {
                if (result.GetValue(live)) return Fail("--shard: a live run is one run; --shard goes without --live");
                return ShardCommand.Run(result.GetValue(file)!.ToString(), share, result.GetValue(output), result.GetValue(variant), result.GetValue(jobs));
            }
            LiveOptions? options = null;
            var masterUrl = result.GetValue(master);
            var etcdUrls = result.GetValue(etcd);
            if (masterUrl != null && etcdUrls != null) return Fail("give either --master or --etcd, not both");
            if (result.GetValue(live) && etcdUrls != null)
            {
                try
                {
                    masterUrl = RealAgent.Master.EtcdMasterDirectory.MastersAsync(etcdUrls).GetAwaiter().GetResult();
                }
                catch (InvalidOperationException e)
                {
                    return Fail(e.Message);
                }
            }
            if (!result.GetValue(live) && (masterUrl != null || etcdUrls != null || result.GetValue(principal) != null || result.GetValue(secretFile) != null))
                return Fail("--master, --etcd, --principal and --secret-file go with --live");
            if (result.GetValue(live) && masterUrl != null)
            {
                if (RealAgent.Live.LeaderFollowingHandler.Parse(masterUrl, out var masterError) is not { } masters)
                    return Fail($"--master: {masterError}");
                var credential = LiveCredential.Read(result.GetValue(principal), result.GetValue(secretFile), out bool given);
                if (given && credential == null) return 2;
                var token = given ? null : LiveToken.Read(result.GetValue(tokenFile));
                if (!given && token == null) return 2;
                options = new LiveOptions(token) { Masters = masters, Credential = credential };
            }
            else if (result.GetValue(live))
            {
                if (LiveToken.Read(result.GetValue(tokenFile)) is not { } token) return 2;
                options = new LiveOptions(token, result.GetValue(listen));
            }
            return Run(result.GetValue(file)!.ToString(), result.GetValue(output), result.GetValue(variant), result.GetValue(jobs), options);
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }

    public static int Run(string path, string? output, string? variant, int jobs, LiveOptions? live = null)
    {
        Model.ExperimentFile file;
        ExperimentRunner runner;
        try
        {
            file = ExperimentParser.ParseFile(path);
            runner = new ExperimentRunner(file, variant, jobs, live);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        // Each once, for the variants that run (as run.json lists them).
        foreach (var warning in file.Variants.Where(v => variant == null || v.Variant == variant).SelectMany(v => v.Warnings).Distinct(StringComparer.Ordinal))
            Console.Error.WriteLine("warning: " + warning);
        if (jobs < 1)
        {
            Console.Error.WriteLine($"error: --jobs: expected at least 1, found {jobs}");
            return 2;
        }
        // A live run's outputs sit next to the simulation's, not over them: compare needs both.
        var dir = output ?? ExperimentRunner.DefaultOutput(live == null ? file.Name : file.Name + "-live");
        var plan = runner.Plan();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // A live run logs what its agents do as it happens; the progress display would overwrite it.
            var results = live == null
                ? ProgressDisplay.Run(plan.Select(p => p.Progress).ToArray(), () => runner.Run(dir, plan))
                : runner.Run(dir, plan);
            Console.WriteLine($"{file.Name} ({runner.Mode}): {plan.Count} run(s) of {results.Count} variant(s) in {clock.Elapsed.TotalSeconds:0.0} s");
            foreach (var v in results)
            {
                var util = v.Comparison("cpu_util_mean");
                var jct = v.Comparison("jct_mean_s");
                Console.WriteLine($"  {v.Name,-16} cpu util {util.Mean * 100,6:0.0} %   mean JCT {(double.IsNaN(jct.Mean) ? "-" : jct.Mean.ToString("0.0") + " s"),10}   fairness {v.Comparison("jain_fairness").Mean:0.000}");
            }
            foreach (var check in results.SelectMany(Output.QueueingCheck.All))
                Console.WriteLine($"  {check.Model} {check.Variant}: analytic {(check.Model == "m-d-1" ? "placement" : "wait")} {check.Analytic:0.0} s, simulated {check.Simulated.Mean:0.0} s [{check.Simulated.CiLow:0.0}, {check.Simulated.CiHigh:0.0}] {(check.Passed ? "pass" : "FAIL")}");
            foreach (var check in results.Select(Output.ServiceLatencyCheck.Evaluate).Where(c => c != null))
                Console.WriteLine($"  m/m/1 {check!.Variant}: analytic latency {check.Analytic:0.000} s, simulated {check.Simulated.Mean:0.000} s [{check.Simulated.CiLow:0.000}, {check.Simulated.CiHigh:0.000}] {(check.Passed ? "pass" : "FAIL")}");
            if (runner.Fidelity is { } fidelity)
            {
                var outside = fidelity.Metrics.Where(m => !m.Within).Select(m => m.Name).ToArray();
                Console.WriteLine(outside.Length == 0
                    ? $"  fidelity: every metric within tolerance of the simulation; see {Path.Combine(dir, "compare", "compare.html")}"
                    : $"  fidelity: {string.Join(", ", outside)} outside tolerance of the simulation; see {Path.Combine(dir, "compare", "compare.html")}");
            }
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
