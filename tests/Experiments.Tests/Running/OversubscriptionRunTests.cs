using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Whole simulated runs with and without oversubscription: the columns, what each variant reports,
/// and byte-identical outputs for the same seed.</summary>
public class OversubscriptionRunTests
{
    private const string Yaml = """
        name: oversub
        seed: 5
        horizon: 30m
        allocation: { policy: drf, interval: 1s, refuse: 5s, offerTimeout: off }
        cluster: { agents: [ { count: 4, resources: "cpus:8;mem:16384" } ] }
        frameworks:
          - name: web
            role: web
            kind: service
            instance: "cpus:2;mem:2048"
            instances: { min: 4, max: 14, initial: 8 }
            autoscale: { target: 0.6, every: 1m }
            load: { diurnal: { mean: 6, amplitude: 4, period: 10m } }
            usage: { uniform: [0.2, 0.4] }
          - name: research
            role: be
            capabilities: [revocable]
            workload: { synthetic: { jobs: 60, arrival: { poisson: { rate: 4/m } }, tasksPerJob: { constant: 6 }, taskDuration: { exponential: { mean: 2m } }, task: "cpus:1;mem:1024" } }
            usage: { uniform: [0.6, 1.0] }
        variants:
          - { name: without }
          - { name: with, oversubscription: { estimatorInterval: 10s, offered: 0.9 } }

        """;

    private static string Run(TempFolder temp, string output)
    {
        var file = temp.Write("experiment.yaml", Yaml);
        var dir = temp.Combine(output);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 1);
        runner.Run(dir, runner.Plan());
        return dir;
    }

    private static Dictionary<string, string> Row(string dir, string variant)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        var header = lines[0].Split(',');
        var row = lines.Skip(1).Select(l => l.Split(',')).Single(r => r[0] == variant);
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    [Test]
    public void WithOversubscription_RevocableTasksRaiseUsage_AndEvictionsAreCharged_WithoutItNothingIsRevocable()
    {
        using var temp = new TempFolder();
        var dir = Run(temp, "out");
        var without = Row(dir, "without");
        var with = Row(dir, "with");
        Assert.That((without["revocable_alloc_cpu_mean"], without["evictions"], without["eviction_work_lost_cpu_s"]), Is.EqualTo(("0", "0", "0")));
        Assert.That(double.Parse(with["revocable_alloc_cpu_mean"]), Is.GreaterThan(0));
        Assert.That(double.Parse(with["usage_util_cpu_mean"]), Is.GreaterThan(double.Parse(without["usage_util_cpu_mean"])));
        Assert.That(long.Parse(with["evictions"]), Is.GreaterThan(0), "the service's scale-ups land on agents lent out");
        Assert.That(double.Parse(with["eviction_work_lost_cpu_s"]), Is.GreaterThan(0));
        Assert.That(File.Exists(Path.Combine(dir, "runs", "with", "seed-5", "oversubscription.csv")), Is.True);
        Assert.That(File.Exists(Path.Combine(dir, "runs", "without", "seed-5", "oversubscription.csv")), Is.False);
        // Every eviction is a TASK_LOST the framework sees (and runs again); nothing else is lost in this run.
        Assert.That(with["tasks_lost"], Is.EqualTo(with["evictions"]));
    }

    [Test]
    public void TheSameSeed_GivesByteIdenticalOutputs()
    {
        using var temp = new TempFolder();
        var one = Run(temp, "one");
        var two = Run(temp, "two");
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f))
            .Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).Order().ToArray();
        Assert.That(files, Does.Contain(Path.Combine("runs", "with", "seed-5", "oversubscription.csv")));
        foreach (var f in files)
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
    }

    /// <summary>A master failover at 10m in a run that oversubscribes: revocable tasks are taken back with their
    /// agents and stay revocable (the revocable pool stays held after the failover, and the QoS controller keeps
    /// evicting revocable tasks); the regular allocation never takes them in.</summary>
    [Test]
    public void AfterAMasterFailover_RevocableTasksStayRevocable_AndAreStillEvicted()
    {
        using var temp = new TempFolder();
        var yaml = Yaml.Replace("  - { name: with, oversubscription: { estimatorInterval: 10s, offered: 0.9 } }",
            "  - { name: with, oversubscription: { estimatorInterval: 10s, offered: 0.9 }, " +
            "faults: { master: { failovers: [10m], reregistration: { constant: 5s }, resubscribe: { constant: 5s } } } }");
        Assert.That(yaml, Does.Contain("failovers"));
        var file = temp.Write("experiment.yaml", yaml);
        var dir = temp.Combine("out");
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 1);
        runner.Run(dir, runner.Plan());

        var rows = File.ReadAllLines(Path.Combine(dir, "runs", "with", "seed-5", "oversubscription.csv")).Skip(1)
            .Select(l => l.Split(',').Select(double.Parse).ToArray()).ToArray();
        // time_s, revocable_total_cpus, revocable_alloc_cpus, revocable_used_cpus, regular_alloc_cpus, regular_used_cpus, evictions
        var before = rows.Where(r => r[0] < 600).ToArray();
        var after = rows.Where(r => r[0] > 620).ToArray();
        Assert.That(before.Max(r => r[2]), Is.GreaterThan(0));
        Assert.That(after.Max(r => r[2]), Is.GreaterThan(0), "revocable tasks run on after the failover");
        Assert.That(after.Max(r => r[6]), Is.GreaterThan(before.Max(r => r[6])), "the QoS controller still evicts");
        // The regular allocation never holds more than the agents' total (4 x 8 cpus): revocable tasks are not in it.
        Assert.That(rows.Max(r => r[4]), Is.LessThanOrEqualTo(32));
        var with = Row(dir, "with");
        Assert.That(with["tasks_lost"], Is.EqualTo(with["evictions"]), "no task was lost to the failover itself");
    }
}
