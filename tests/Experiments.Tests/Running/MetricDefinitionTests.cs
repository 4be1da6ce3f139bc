using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Each metric definition of the README on a run small enough to work out by hand.</summary>
public class MetricDefinitionTests
{
    /// <summary>One 10-CPU agent; one framework holds the offer of the whole agent for 2 minutes, then launches
    /// two tasks of 2 CPUs and 1 GB for 10 minutes: 4 of 10 CPUs in use from 2m to 12m.</summary>
    private const string HeldOffer = """
        name: held
        horizon: 1h
        sample: 1m
        cluster: { agents: [ { count: 1, resources: "cpus:10;mem:10240" } ] }
        roles: { analytics: { weight: 2 } }
        frameworks:
          - name: hadoop
            role: analytics
            decisionTime: { perOffer: 2m }
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 10m }, task: "cpus:2;mem:1024" } }

        """;

    private static RunResult Run(string yaml, int variant = 0)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants[variant];
        return new SimulationRun(spec, spec.Seeds[0], null).Execute();
    }

    private static double Metric(RunSummary summary, string name) => summary.Breakdown.Single(b => b.Name == name).Value;

    private static Sample At(RunResult run, double seconds) => run.Samples.Single(s => s.TimeSeconds == seconds);

    [Test]
    public void Shares_CountWhatTasksUse_NotWhatIsOffered()
    {
        var run = Run(HeldOffer);
        // At 1m the whole agent is offered and held, nothing runs: the allocator counts a share of 1, tasks 0.
        Assert.That(At(run, 60).RoleDominantShares[0], Is.EqualTo(0));
        Assert.That(At(run, 60).CpuUtilisation, Is.EqualTo(0));
        // At 3m two tasks use 4 of 10 CPUs and 2 of 10 GB: dominant share 0.4, weighted (weight 2) 0.2.
        Assert.That(At(run, 180).RoleDominantShares[0], Is.EqualTo(0.4).Within(1e-12));
        Assert.That(At(run, 180).RoleShares[0], Is.EqualTo(0.2).Within(1e-12));
        Assert.That(At(run, 180).CpuUtilisation, Is.EqualTo(0.4).Within(1e-12));
        Assert.That(run.Samples[^1].RoleDominantShares[0], Is.EqualTo(0), "the last sample, after both ended at 12m");
    }

    [Test]
    public void The_MeasurementWindow_TrimsEveryTimeAveragedMetric()
    {
        var whole = Run(HeldOffer).Summary;
        var trimmed = Run(HeldOffer + "measure: { from: 3m, to: 10m }\n").Summary;
        // Inside 3m..10m the two tasks run throughout: 40% of the CPUs, 20% of the memory, share 0.4.
        Assert.That(trimmed.CpuUtilisationMean, Is.EqualTo(0.4).Within(1e-12));
        Assert.That(trimmed.MemUtilisationMean, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(Metric(trimmed, "dominant_share_mean:analytics"), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(Metric(trimmed, "share_mean:analytics"), Is.EqualTo(0.2).Within(1e-12));
        Assert.That(Metric(whole, "dominant_share_mean:analytics"), Is.LessThan(0.4));
        // Over the whole run (about 12 minutes, two of them before anything ran) the means are lower.
        Assert.That(whole.CpuUtilisationMean, Is.LessThan(0.4 * 10.5 / 12));
        // The window changes no event and no count.
        Assert.That(trimmed.TasksCompleted, Is.EqualTo(whole.TasksCompleted));
        Assert.That(trimmed.WaitMean, Is.EqualTo(whole.WaitMean));
    }

    [Test]
    public void A_WindowPastTheEnd_IsCutAtTheEnd()
    {
        var run = Run(HeldOffer + "measure: { from: 3m, to: 50m }\n");
        // The run ends when its work does, just after 12m: 4 of 10 CPUs from 3m to 12m, then nothing.
        double end = run.SimulatedSeconds;
        Assert.That(end, Is.InRange(720, 730));
        Assert.That(run.Summary.CpuUtilisationMean, Is.EqualTo(0.4 * (run.Summary.MakespanSeconds - 180) / (end - 180)).Within(0.01));
    }

    [Test]
    public void Fairness_CountsOnlyRolesThatWantMore()
    {
        // Shares 0.5 and 0.5 among those wanting more; the role at 0.1 asks for nothing more.
        Assert.That(DemandFairness.Of([0.5, 0.1, 0.5], [true, false, true]), Is.EqualTo(1.0));
        // All three wanting more: (1.1)^2 / (3 x 0.51).
        Assert.That(DemandFairness.Of([0.5, 0.1, 0.5], [true, true, true]), Is.EqualTo(1.21 / 1.53).Within(1e-12));
        Assert.That(DemandFairness.Of([0.7, 0.1], [true, false]), Is.EqualTo(1.0), "one role wanting more is behind nobody");
        Assert.That(DemandFairness.Of([0, 0], [true, true]), Is.EqualTo(1.0), "equal at zero");
    }

    [Test]
    public void A_RoleWithLittleDemand_DoesNotCountAsTreatedUnfairly()
    {
        // Ten 1-CPU agents. Analytics wants 30 CPUs (three waves of 10), web wants one: web gets its CPU at once,
        // then holds a tenth of the cluster for 10 minutes and asks for nothing more while analytics queues.
        const string yaml = """
            name: small-demand
            horizon: 2h
            sample: 1m
            cluster: { agents: [ { count: 10, resources: "cpus:1;mem:1024" } ] }
            frameworks:
              - name: hadoop
                role: analytics
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 30 }, taskDuration: { constant: 10m }, task: "cpus:1;mem:512" } }
              - name: web
                role: web
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 10m }, task: "cpus:1;mem:512" } }

            """;
        var run = Run(yaml);
        Assert.That(At(run, 300).RoleDominantShares, Is.EqualTo(new[] { 0.9, 0.1 }).Within(1e-12));
        Assert.That(At(run, 300).RoleDemanding, Is.EqualTo(new[] { true, false }));
        Assert.That(run.Samples.Select(s => s.Fairness), Has.All.EqualTo(1.0));
        Assert.That(run.Summary.JainFairness, Is.EqualTo(1.0));
        // The earlier definition, over every role's mean share, calls this unfair.
        Assert.That(run.Summary.JainMeanShares, Is.LessThan(0.75));
    }

    [Test]
    public void Tasks_ThatNeverStart_CountInWaits_CensoredAtTheEnd()
    {
        // One 1-CPU agent, three 10-minute tasks submitted at 0, horizon 15m: the first runs at once, the second
        // at 10m, the third never starts and counts with a wait of 15m (900 s), a lower bound.
        const string yaml = """
            name: censored
            horizon: 15m
            sample: 1m
            cluster: { agents: [ { count: 1, resources: "cpus:1;mem:1024" } ] }
            frameworks:
              - name: hadoop
                role: analytics
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 3 }, taskDuration: { constant: 10m }, task: "cpus:1;mem:512" } }

            """;
        var run = Run(yaml);
        Assert.That(run.Summary.TasksNeverStarted, Is.EqualTo(1));
        Assert.That(run.Summary.Breakdown, Does.Contain(("tasks_never_started:hadoop", 1.0)));
        Assert.That(run.Waits, Has.Count.EqualTo(3));
        Assert.That(run.Waits.Max(), Is.EqualTo(900));
        Assert.That(run.Waits.Min(), Is.LessThan(5));
        Assert.That(run.Summary.WaitMean, Is.InRange((0 + 600 + 900) / 3.0, (0 + 600 + 900) / 3.0 + 5));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(900), "work still open at the horizon: the makespan is the run's end");
    }

    [Test]
    public void Makespan_IsOverFrameworksWhoseWorkEnds_NotServices()
    {
        const string yaml = """
            name: with-service
            horizon: 1h
            sample: 1m
            cluster: { agents: [ { count: 4, resources: "cpus:4;mem:8192" } ] }
            frameworks:
              - name: hadoop
                role: analytics
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 5m }, task: "cpus:1;mem:512" } }
              - name: web
                role: web
                kind: service
                instance: "cpus:1;mem:512"
                instances: { min: 2, max: 4, initial: 2 }
                load: { constant: 1 }

            """;
        var run = Run(yaml);
        Assert.That(run.SimulatedSeconds, Is.EqualTo(3600), "the service keeps the run going to the horizon");
        Assert.That(run.Summary.MakespanSeconds, Is.InRange(300, 310));
    }
}
