using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Maintenance windows as experiment events, and how the framework kinds answer them.</summary>
public class MaintenanceEventsTests
{
    /// <summary>One 2-CPU agent; two 30-minute tasks arrive at once; a window is scheduled at 0 for 10m-30m.</summary>
    private const string Base = """
        name: maint
        horizon: 3h
        cluster: { agents: [ { count: 1, resources: "cpus:2;mem:2048" } ] }
        frameworks:
          - name: work
            role: batch
            KIND
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 30m }, task: "cpus:1;mem:512" } }

        """;

    private const string Window = """
        events:
          - { at: 0s, maintenance: { agent: agent-0-0, start: 10m, duration: 20m } }

        """;

    private static RunSummary Run(string yaml)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants.Single();
        return new SimulationRun(spec, spec.Seeds[0], null).Execute().Summary;
    }

    [Test]
    public void Batch_UsesAnAgentInAWindow_ItsTasksAreKilledAtTheStart_AndRunAgainWhenTheMachineIsBack()
    {
        var yaml = Base.Replace("KIND", "kind: batch");
        Assert.That(Run(yaml).JctMean, Is.EqualTo(1800).Within(2));
        var summary = Run(yaml + Window);
        Assert.That(summary.TasksCompleted, Is.EqualTo(2));
        // Started at 0, killed at 10m, run again from 30m: the job ends at 60m.
        Assert.That(summary.JctMean, Is.EqualTo(3600).Within(2));
    }

    [Test]
    public void A_Gang_DeclinesAnAgentInAWindow_AndStartsOnlyWhenItIsOver()
    {
        var yaml = Base.Replace("KIND", "kind: gang");
        Assert.That(Run(yaml).JctMean, Is.EqualTo(1800).Within(2));
        var summary = Run(yaml + Window);
        Assert.That(summary.TasksCompleted, Is.EqualTo(2));
        // Offers carry the window from 0s: the gang waits until it is cancelled at 30m, then runs 30m.
        Assert.That(summary.JctMean, Is.EqualTo(3600).Within(2));
        Assert.That(summary.TasksLost, Is.Zero);
    }

    [Test]
    public void Maintenance_Events_AreRead_AndBadOnesNameTheKey()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base.Replace("KIND", "kind: batch") + Window).Variants.Single();
        var window = spec.Events.Single().Maintenance!;
        Assert.That((window.Agent, window.Start.Seconds, window.Duration.Seconds), Is.EqualTo(("agent-0-0", 600.0, 1200.0)));
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml",
            Base.Replace("KIND", "kind: batch") + Window.Replace("start: 10m", "start: 0s").Replace("at: 0s", "at: 1m")))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:").And.Contain("start").And.Contain("before it is scheduled"));
        e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml",
            Base.Replace("KIND", "kind: batch") + Window.Replace("agent-0-0", "agent-9")))!;
        Assert.That(e.Message, Does.Contain("unknown agent 'agent-9'"));
    }
}
