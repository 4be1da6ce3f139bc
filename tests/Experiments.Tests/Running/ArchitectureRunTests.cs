using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

public class ArchitectureRunTests
{
    private const string Mix = """
        name: mix
        seed: 4
        runs: 2
        horizon: 30m
        sample: 1m
        cluster:
          agents:
            - { count: 6, resources: "cpus:4;mem:16384" }
        frameworks:
          - name: batch
            decisionTime: { perJob: 100ms, perTask: 5ms }
            workload: { synthetic: { jobs: 300, arrival: { poisson: { rate: 12/m } }, tasksPerJob: { constant: 3 }, taskDuration: { exponential: { mean: 40s } }, task: "cpus:1;mem:1024" } }
          - name: service
            decisionTime: { perJob: 20s }
            workload: { synthetic: { jobs: 8, arrival: { every: 3m }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 10m }, task: "cpus:1;mem:2048" } }

        """;

    private static IReadOnlyList<string> Lines(string dir, string file) => File.ReadAllLines(Path.Combine(dir, file));

    [Test]
    public void AnExplicitTwoLevelArchitecture_RunsExactlyAsTheDefault()
    {
        using var temp = new TempFolder();
        string Run(string yaml, string name)
        {
            var runner = new ExperimentRunner(ExperimentParser.Parse(temp.Write(name + ".yaml", yaml), yaml), null, 1);
            var dir = temp.Combine(name);
            runner.Run(dir, runner.Plan());
            return string.Join("\n", Lines(dir, "run.json").Where(l => l.Contains("digest")));
        }
        Assert.That(Run(Mix + "architecture: { kind: two-level }\n", "explicit"), Is.EqualTo(Run(Mix, "default")));
    }

    [Test]
    public void EachArchitecture_RunsTheSameWork_AndReportsItsSchedulers()
    {
        using var temp = new TempFolder();
        var yaml = Mix + """
            variants:
              - { name: offers }
              - { name: swarm, architecture: { kind: monolithic, strategy: spread } }
              - { name: omega, architecture: { kind: shared-state } }
            """;
        var runner = new ExperimentRunner(ExperimentParser.Parse(temp.Write("mix.yaml", yaml), yaml), null, 1);
        var dir = temp.Combine("out");
        var results = runner.Run(dir, runner.Plan());

        double Mean(string variant, string metric) => results.Single(v => v.Name == variant).Comparison(metric).Mean;
        foreach (var v in new[] { "offers", "swarm", "omega" })
            Assert.That(Mean(v, "tasks_submitted"), Is.EqualTo(Mean("offers", "tasks_submitted")).And.GreaterThan(0), v);
        // One scheduler serves both frameworks: busy for the service's 20 s decisions and the batch's.
        Assert.That(Mean("swarm", "scheduler_busy:monolithic"), Is.GreaterThan(8 * 20.0 / 1800));
        Assert.That(double.IsNaN(Mean("offers", "scheduler_busy:monolithic")), Is.True);
        // Shared state: the batch scheduler is never held up by the service's decisions.
        Assert.That(Mean("omega", "scheduler_queue_mean_s:batch"), Is.LessThan(Mean("swarm", "scheduler_queue_mean_s:batch")));
        Assert.That(Mean("omega", "conflicts:service"), Is.GreaterThanOrEqualTo(0));
        Assert.That(Mean("omega", "scheduler_busy:service"), Is.GreaterThan(0));
        Assert.That(Lines(dir, "summary.csv")[0], Does.Contain("scheduler_busy:monolithic").And.Contain("retries:service"));
        Assert.That(Lines(dir, "differences.csv").Any(l => l.StartsWith("scheduler_busy:service,omega,offers", StringComparison.Ordinal)), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Does.Contain("placement_mean_s:batch"));
        // The policy column names the architecture where the two-level allocator's policy does not apply.
        Assert.That(Lines(dir, "summary.csv").Single(l => l.StartsWith("swarm,4,", StringComparison.Ordinal)), Does.StartWith("swarm,4,monolithic/spread,"));
        Assert.That(Lines(dir, "summary.csv").Single(l => l.StartsWith("offers,4,", StringComparison.Ordinal)), Does.StartWith("offers,4,drf,"));
    }

    [Test]
    public void The_MdOneExperiment_MatchesPollaczekKhinchine()
    {
        using var temp = new TempFolder();
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "md1-scheduler.yaml")), null, 2);
        var dir = temp.Combine("out");
        var results = runner.Run(dir, runner.Plan());
        var check = Output.QueueingCheck.EvaluateMdOne(results.Single())!;
        // lambda = 0.6/s, D = 1 s: W_q = 0.6 / (2 x 0.4) = 0.75 s, plus the decision itself.
        Assert.That(check.Analytic, Is.EqualTo(1.75).Within(1e-12));
        Assert.That(check.Passed, Is.True, $"analytic {check.Analytic}, simulated {check.Simulated.Mean} [{check.Simulated.CiLow}, {check.Simulated.CiHigh}]");
        Assert.That(Lines(dir, "checks.csv")[1], Does.StartWith("base,m-d-1,1,").And.EndWith(",true"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Does.Contain("M/D/1").And.Contain("pass"));
    }
}
