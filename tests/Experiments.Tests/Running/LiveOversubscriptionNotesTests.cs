using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>What <c>run --live</c> prints for a file with <c>oversubscription:</c>: the agent options that carry the
/// section out (the interval in wall time at the file's time scale), and each key that applies differently live.</summary>
public class LiveOversubscriptionNotesTests
{
    private const string File = """
        name: probe
        horizon: 1h
        cluster: { agents: [ { count: 1, resources: "cpus:4;mem:8192" } ] }
        oversubscription: { estimatorInterval: 15s, offered: 0.8, qos: { threshold: 0.9, evict: newest, interval: 5s } }
        frameworks:
          - name: prod
            usage: { uniform: [0.2, 0.5] }
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }
          - name: spare
            capabilities: [revocable]
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }
        live: { agents: { expect: 1 }, timeScale: 60 }
        """;

    [Test]
    public void ALiveRun_PrintsTheAgentOptions_AndNamesEachKeyThatAppliesDifferently()
    {
        var notes = LiveRun.OversubscriptionNotes(ExperimentParser.Parse("exp.yaml", File).Variants[0]).ToArray();

        Assert.That(notes, Has.Length.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(notes[0], Does.StartWith(
                "oversubscription: start every agent with --oversubscription-interval 0.25s --oversubscription-offered 0.8 --qos-threshold 0.9 --qos-evict newest "));
            Assert.That(notes[1], Does.StartWith("frameworks[prod].usage: live, each draw caps the share of a task's cpus its default command keeps busy"));
            Assert.That(notes[2], Does.StartWith("oversubscription.qos.interval (5s): live agents check their QoS on each estimator tick (15s) instead"));
        });
    }

    [Test]
    public void WithoutTheSection_NothingIsPrinted()
    {
        var plain = File.Replace("oversubscription: { estimatorInterval: 15s, offered: 0.8, qos: { threshold: 0.9, evict: newest, interval: 5s } }\n", "");
        Assert.That(LiveRun.OversubscriptionNotes(ExperimentParser.Parse("exp.yaml", plain).Variants[0]), Is.Empty);
    }
}
