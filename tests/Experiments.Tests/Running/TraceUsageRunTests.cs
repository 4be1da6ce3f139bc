using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>
/// Trace usage in a whole run: an Alibaba trace's batch_instance table gives the production tasks the usage they
/// measured (90% of their plan, or 1.0 clamped), which leaves far less slack to lend than the framework's
/// usage: distribution (20-30%) does; the same seed gives the same bytes. The trace is hand-written to the
/// published schema (no genuine batch_instance sample is in traces/).
/// </summary>
public class TraceUsageRunTests
{
    // task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem: four
    // jobs of 2-cpu instances, 20 minutes each, submitted a minute apart.
    private static readonly string BatchTask = string.Join("\n",
        "M1,4,j_1,1,Terminated,0,1200,200,10",
        "M1,4,j_2,1,Terminated,60,1260,200,10",
        "M1,4,j_3,1,Terminated,120,1320,200,10",
        "M1,2,j_4,1,Terminated,180,1380,200,10") + "\n";

    // instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id, seq_no, total_seq_no,
    // cpu_avg, cpu_max, mem_avg, mem_max: j_1 and j_2 use 180 of their 200 (0.9), j_3 more than its plan
    // (clamped to 1); j_4 has no rows and falls back to the framework's usage: draw.
    private static readonly string BatchInstance = string.Join("\n",
        "ins_1,M1,j_1,1,Terminated,0,1200,m_1,1,1,170,190,9,10",
        "ins_2,M1,j_1,1,Terminated,0,1200,m_2,1,1,190,199,9,10",
        "ins_3,M1,j_2,1,Terminated,60,1260,m_1,1,1,180,190,9,10",
        "ins_4,M1,j_3,1,Terminated,120,1320,m_2,1,1,230,260,9,10") + "\n";

    private static string Yaml(string usage) => $$"""
        name: trace-usage
        seed: 3
        horizon: 30m
        allocation: { policy: drf, interval: 1s, refuse: 5s, offerTimeout: off }
        cluster: { agents: [ { count: 4, resources: "cpus:8;mem:16384" } ] }
        frameworks:
          - name: prod
            role: prod
            workload: { trace: { format: alibaba-2018, path: batch_task.csv, machineMemory: 16384{{usage}} } }
            usage: { uniform: [0.2, 0.3] }
          - name: research
            role: be
            capabilities: [revocable]
            workload: { synthetic: { jobs: 40, arrival: { poisson: { rate: 4/m } }, tasksPerJob: { constant: 6 }, taskDuration: { exponential: { mean: 3m } }, task: "cpus:1;mem:1024" } }
            usage: { uniform: [0.6, 1.0] }
        variants:
          - { name: without }
          - { name: with, oversubscription: { estimatorInterval: 10s, offered: 0.9 } }

        """;

    private static (string Dir, ExperimentFile File) Run(TempFolder temp, string name, string usage)
    {
        temp.Write("batch_task.csv", BatchTask);
        temp.Write("batch_instance.csv", BatchInstance);
        var file = ExperimentParser.ParseFile(temp.Write(name + ".yaml", Yaml(usage)));
        var dir = temp.Combine(name);
        var runner = new ExperimentRunner(file, null, 1);
        runner.Run(dir, runner.Plan());
        return (dir, file);
    }

    private static Dictionary<string, string> Row(string dir, string variant)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        var header = lines[0].Split(',');
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(r => r[0] == variant);
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    private static readonly string[] Columns =
        ["revocable_alloc_cpu_mean", "revocable_used_cpu_mean", "usage_util_cpu_mean", "regular_usage_util_cpu_mean", "evictions"];

    private static string[] Figures(string dir, string variant) => Columns.Select(c => Row(dir, variant)[c]).ToArray();

    [Test]
    public void TraceUsage_LeavesLessSlackToLend_ThanTheDistribution()
    {
        using var temp = new TempFolder();
        var (drawn, _) = Run(temp, "drawn", "");
        var (measured, file) = Run(temp, "measured", ", usage: { path: batch_instance.csv }");

        // The fall-back is counted where the user sees it: 2 of the 14 instances (j_4) have no rows, 4 were clamped.
        var warnings = file.Warnings;
        Assert.That(warnings, Has.One.Contains("2 of 14 tasks have no usage in the usage table"));
        Assert.That(warnings, Has.One.Contains("4 of 12 tasks used more than they requested"));
        // Without oversubscription nothing is lent; the cluster's real use is what the production tasks use.
        Assert.That(Figures(drawn, "without"), Is.EqualTo(new[] { "0", "0", "0.488571", "0.488571", "0" }));
        Assert.That(Figures(measured, "without"), Is.EqualTo(new[] { "0", "0", "0.8233", "0.8233", "0" }));
        // Lending what the production tasks leave: a fifth as much when they use what the trace measured, and
        // 2 evictions instead of 39.
        Assert.That(Figures(drawn, "with"), Is.EqualTo(new[] { "9.574761", "7.574611", "0.661253", "0.424547", "39" }));
        Assert.That(Figures(measured, "with"), Is.EqualTo(new[] { "1.985367", "1.465067", "0.86955", "0.823766", "2" }));
    }

    [Test]
    public void TheSameSeed_GivesByteIdenticalOutputs()
    {
        using var temp = new TempFolder();
        var (one, _) = Run(temp, "one", ", usage: { path: batch_instance.csv }");
        var (two, _) = Run(temp, "two", ", usage: { path: batch_instance.csv }");
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f))
            .Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).Order().ToArray();
        Assert.That(files, Does.Contain(Path.Combine("runs", "with", "seed-3", "oversubscription.csv")));
        foreach (var f in files)
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
    }
}
