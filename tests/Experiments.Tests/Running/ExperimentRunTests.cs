using System.Globalization;
using System.Xml.Linq;
using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

public class ExperimentRunTests
{
    /// <summary>Small but busy: all three framework kinds contend for 12 agents.</summary>
    private const string Mixed = """
        name: mixed
        seed: 3
        runs: 2
        horizon: 2h
        sample: 1m
        cluster:
          agents:
            - { count: 12, resources: "cpus:8;mem:32768" }
        roles: { analytics: { weight: 1 }, hpc: { weight: 1 }, web: { weight: 1 } }
        frameworks:
          - name: hadoop
            role: analytics
            decisionTime: { perOffer: 10ms, perTask: 1ms }
            workload:
              synthetic:
                jobs: 60
                arrival: { poisson: { rate: 1/m } }
                tasksPerJob: { lognormal: { median: 6, sigma: 1 }, max: 40 }
                taskDuration: { exponential: { mean: 3m } }
                task: "cpus:1;mem:2048"
          - name: mpi
            role: hpc
            kind: gang
            holdTimeout: 20s
            workload: { synthetic: { jobs: 6, arrival: { every: 10m }, tasksPerJob: { constant: 6 }, taskDuration: { constant: 10m }, task: "cpus:4;mem:4096" } }
          - name: web
            role: web
            kind: service
            instance: "cpus:1;mem:1024"
            instances: { min: 2, max: 30, initial: 4 }
            autoscale: { target: 0.6, every: 1m }
            load: { diurnal: { mean: 6, amplitude: 4, period: 2h } }
        variants:
          - { name: drf }
          - { name: random, allocation: { policy: random } }

        """;

    private static string RunExperiment(TempFolder temp, string yaml, int jobs, string output = "out")
    {
        var file = temp.Write("experiment.yaml", yaml);
        var dir = temp.Combine(output);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, jobs);
        runner.Run(dir, runner.Plan());
        return dir;
    }

    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    [Test]
    public void A_Run_WritesEveryOutput_WithTheDocumentedColumns()
    {
        using var temp = new TempFolder();
        var dir = RunExperiment(temp, Mixed, jobs: 2);
        var run = Path.Combine(dir, "runs", "drf", "seed-3");
        Assert.That(File.ReadLines(Path.Combine(run, "tasks.csv")).First(),
            Does.StartWith("task_id,job_id,framework,role,agent,submit_s,start_s,end_s,state,cpus,mem"));
        Assert.That(File.ReadLines(Path.Combine(run, "jobs.csv")).First(),
            Does.StartWith("job_id,framework,role,submit_s,first_start_s,end_s,tasks,state"));
        Assert.That(File.ReadLines(Path.Combine(run, "timeseries.csv")).First(),
            Does.StartWith("time_s,cpus_total,cpus_allocated,mem_total,mem_allocated,running_tasks,pending_tasks,offers_outstanding"));
        Assert.That(File.ReadLines(Path.Combine(run, "shares.csv")).First(), Is.EqualTo(
            "time_s,role,framework,dominant_share,role_share,cpus,mem,running_tasks,cpus_offered,mem_offered,role_demanding,role_running_tasks"));
        Assert.That(File.ReadLines(Path.Combine(dir, "summary.csv")).First(), Does.StartWith(
            "variant,seed,policy,jobs_submitted,jobs_completed,tasks_submitted,tasks_completed,tasks_lost,makespan_s,cpu_util_mean,mem_util_mean," +
            "jct_mean_s,jct_p50_s,jct_p95_s,wait_mean_s,wait_p95_s,jain_fairness,offers_sent,offers_declined,offers_rescinded," +
            "service_util_mean,unserved_load_mean,tasks_never_started,jain_mean_shares,share_mean:analytics,share_mean:hpc,share_mean:web,wait_mean_s:hadoop"));
        Assert.That(File.ReadLines(Path.Combine(dir, "comparison.csv")).First(), Is.EqualTo("variant,metric,n,mean,sd,ci95_low,ci95_high"));
        Assert.That(File.ReadAllLines(Path.Combine(dir, "summary.csv")), Has.Length.EqualTo(5), "two variants x two seeds");
        foreach (var figure in new[] { "utilisation", "shares", "fairness", "jct-cdf", "framework-times" })
        {
            Assert.DoesNotThrow(() => XDocument.Load(Path.Combine(dir, figure + ".svg")), figure);
            Assert.That(File.Exists(Path.Combine(dir, figure + ".png")), Is.True, figure);
        }
        // Completion times per framework come from the runs' jobs.csv: a panel per framework that finished jobs.
        var cdf = File.ReadAllText(Path.Combine(dir, "jct-cdf.svg"));
        Assert.That(cdf, Does.Contain("hadoop: job completion time").And.Contain("mpi: job completion time").And.Not.Contain("web: job completion time"));
        var report = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(report, Does.Contain("<h2>Comparison</h2>").And.Contain("random").And.Contain("<svg"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "run.json")), Does.Contain("event_digest_sha256").And.Contain("resolved_config"));
    }

    [Test]
    public void Outputs_AreByteIdentical_WhateverTheJobCount()
    {
        using var temp = new TempFolder();
        var one = RunExperiment(temp, Mixed, jobs: 1, "one");
        var two = RunExperiment(temp, Mixed, jobs: 2, "two");
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order().ToArray();
        Assert.That(Directory.GetFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order(), Is.EqualTo(files));
        foreach (var f in files.Where(f => f != "run.json"))
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
        static string Digests(string dir) => string.Join("\n", File.ReadLines(Path.Combine(dir, "run.json")).Where(l => l.Contains("digest")));
        Assert.That(Digests(two), Is.EqualTo(Digests(one)));
    }

    [Test]
    public void Skipping_IdleRunsAndIdleAgents_MakesExactlyTheOffersOfEveryPeriodicRun()
    {
        using var temp = new TempFolder();
        var lazy = RunExperiment(temp, Mixed, jobs: 2, "lazy");
        var eager = RunExperiment(temp, Mixed.Replace("horizon: 2h", "horizon: 2h\nallocation: { skipIdleRuns: false }"), jobs: 2, "eager");
        static string Digests(string dir) => string.Join("\n", File.ReadLines(Path.Combine(dir, "run.json")).Where(l => l.Contains("digest")));
        Assert.That(Digests(lazy), Is.EqualTo(Digests(eager)));
        Assert.That(File.ReadAllText(Path.Combine(lazy, "runs", "random", "seed-4", "tasks.csv")),
            Is.EqualTo(File.ReadAllText(Path.Combine(eager, "runs", "random", "seed-4", "tasks.csv"))));
    }

    [Test]
    public void A_Run_ConservesWork_AndNeverAllocatesMoreThanTheCluster()
    {
        using var temp = new TempFolder();
        var dir = RunExperiment(temp, Mixed, jobs: 2);
        foreach (var run in Directory.GetDirectories(Path.Combine(dir, "runs"), "seed-*", SearchOption.AllDirectories))
        {
            var series = Csv(Path.Combine(run, "timeseries.csv")).Skip(1).ToList();
            Assert.That(series, Is.Not.Empty);
            foreach (var row in series)
            {
                Assert.That(double.Parse(row[2], CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(double.Parse(row[1], CultureInfo.InvariantCulture)), "cpus");
                Assert.That(double.Parse(row[4], CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(double.Parse(row[3], CultureInfo.InvariantCulture)), "mem");
            }
            var tasks = Csv(Path.Combine(run, "tasks.csv")).Skip(1).ToList();
            Assert.That(tasks.Select(t => t[0]).Distinct().Count(), Is.EqualTo(tasks.Count), "each task has exactly one row");
            Assert.That(tasks.Select(t => t[8]).Distinct(), Is.SubsetOf(new[] { "PENDING", "STAGING", "RUNNING", "FINISHED", "FAILED", "KILLED", "LOST" }));
            foreach (var t in tasks.Where(t => t[8] is "RUNNING" or "FINISHED"))
                Assert.That(t[4], Is.Not.Empty, $"task {t[0]} ran somewhere");
            var seed = long.Parse(Path.GetFileName(run)["seed-".Length..], CultureInfo.InvariantCulture);
            var variant = Path.GetFileName(Path.GetDirectoryName(run)!);
            var summary = Csv(Path.Combine(dir, "summary.csv")).Single(r => r[0] == variant && r[1] == seed.ToString(CultureInfo.InvariantCulture));
            Assert.That(tasks.Count, Is.EqualTo(long.Parse(summary[5], CultureInfo.InvariantCulture)), "every submitted task is in tasks.csv");
            Assert.That(tasks.Count(t => t[8] == "FINISHED"), Is.EqualTo(long.Parse(summary[6], CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public void The_DrfPaperExperiment_ReachesProgressiveFilling_AndTheGreedyVariantDoesNot()
    {
        using var temp = new TempFolder();
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "drf-paper.yaml")), null, 2);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());
        Dictionary<string, int> RunningAtEnd(string variant)
        {
            var rows = Csv(Path.Combine(dir, "runs", variant, "seed-1", "shares.csv")).Skip(1).ToList();
            var last = rows.Max(r => double.Parse(r[0], CultureInfo.InvariantCulture));
            return rows.Where(r => double.Parse(r[0], CultureInfo.InvariantCulture) == last).ToDictionary(r => r[2], r => int.Parse(r[7], CultureInfo.InvariantCulture));
        }
        Assert.That(RunningAtEnd("progressive-filling"), Is.EqualTo(new Dictionary<string, int> { ["A"] = 3, ["B"] = 2 }));
        Assert.That(RunningAtEnd("greedy"), Is.EqualTo(new Dictionary<string, int> { ["A"] = 4, ["B"] = 1 }));
    }

    [Test]
    public void The_MmcExperiment_MatchesErlangC()
    {
        using var temp = new TempFolder();
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "mmc-queue.yaml")), null, 2);
        var dir = temp.Combine("out");
        var results = runner.Run(dir, runner.Plan());
        var check = Output.QueueingCheck.Evaluate(results.Single())!;
        Assert.That(check.Servers, Is.EqualTo(20));
        Assert.That(check.Analytic, Is.EqualTo(Output.ErlangC.MeanWait(20, 0.84 / 60, 1000)));
        Assert.That(check.Passed, Is.True, $"analytic {check.Analytic}, simulated {check.Simulated.Mean} [{check.Simulated.CiLow}, {check.Simulated.CiHigh}]");
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Does.Contain("Erlang C").And.Contain("pass"));
    }

    [Test]
    public void A_MalformedFile_GivesAPreciseError_AndWritesNothing()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.yaml", Mixed.Replace("horizon: 2h", "horizon: soon"));
        var output = temp.Combine("out");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(RunCommand.Run(file, output, null, 1), Is.EqualTo(2));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.That(error.ToString(), Does.Contain("bad.yaml:4:").And.Contain("horizon"));
        Assert.That(Directory.Exists(output), Is.False);
        Assert.That(Directory.Exists(output + ".partial"), Is.False);
    }

    [Test]
    public void A_RunThatFails_LeavesThePreviousOutputsAlone_AndNoPartialFolder()
    {
        using var temp = new TempFolder();
        var dir = RunExperiment(temp, Mixed, jobs: 2);
        var before = File.ReadAllText(Path.Combine(dir, "summary.csv"));
        var trace = temp.Write("jobs.swf", "; MaxProcs: 8\n1 0 0 100 2 -1 -1 2 -1 -1 1 1 1 -1 1 -1 -1 -1\n");
        var yaml = Mixed.Replace("""
              - name: mpi
                role: hpc
                kind: gang
                holdTimeout: 20s
                workload: { synthetic: { jobs: 6, arrival: { every: 10m }, tasksPerJob: { constant: 6 }, taskDuration: { constant: 10m }, task: "cpus:4;mem:4096" } }
            """, $$"""
              - name: mpi
                role: hpc
                kind: gang
                workload: { trace: { format: swf, path: "{{trace}}" } }
            """);
        var file = temp.Write("experiment.yaml", yaml);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 2);
        File.Delete(trace); // the trace disappears after validation, in the middle of the run
        Assert.That(() => runner.Run(dir, runner.Plan()), Throws.Exception);
        Assert.That(File.ReadAllText(Path.Combine(dir, "summary.csv")), Is.EqualTo(before));
        Assert.That(Directory.Exists(dir + ".partial"), Is.False);
    }

    [Test]
    public void Jain_IsOneForEqualShares_AndOneOverNForOneWinner()
    {
        Assert.That(RecordedRun.Jain([0.3, 0.3, 0.3]), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(RecordedRun.Jain([0.9, 0, 0]), Is.EqualTo(1.0 / 3).Within(1e-12));
    }
}
