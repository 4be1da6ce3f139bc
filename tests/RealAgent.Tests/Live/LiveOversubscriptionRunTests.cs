using System.Globalization;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// <c>run --live</c> with an <c>oversubscription:</c> section, end to end with Docker: the run's master offers
/// revocable resources, it prints the agent options that carry out the section, and one agent started with
/// them measures the slack a regular task leaves (its <c>usage:</c> draw caps the CPU its default command
/// keeps busy), which a revocable-capable framework's task then runs on. The same file simulates.
/// </summary>
[NonParallelizable]
public class LiveOversubscriptionRunTests : LiveClusterTest
{
    private const string Experiment = """
        name: live-revocable
        seed: 7
        horizon: 60m                  # the run ends when its work is done; this bounds a slow start on a busy machine
        sample: 10s
        allocation: { policy: drf, interval: 1s, refuse: 1s }
        cluster:
          agents:
            - { count: 1, resources: "cpus:2;mem:1024" }
        roles:
          prod: { weight: 1 }
          spare: { weight: 1 }
        oversubscription:
          estimatorInterval: 30s      # at timeScale 60: every half second of wall time
          offered: 0.9
          qos: { threshold: 1.0, evict: newest }
        frameworks:
          - name: prod                # holds most of the agent and uses a tenth of it
            role: prod
            kind: batch
            usage: { constant: 0.1 }
            workload:
              synthetic:
                jobs: 1
                arrival: { every: 1s }
                tasksPerJob: { constant: 1 }
                taskDuration: { constant: 10m }
                task: "cpus:1.5;mem:256"
          - name: spare               # fits only in what prod leaves idle: revocable resources
            role: spare
            kind: batch
            capabilities: [revocable]
            usage: { constant: 0.5 }
            workload:
              synthetic:
                jobs: 1
                arrival: { every: 2m }
                tasksPerJob: { constant: 1 }
                taskDuration: { constant: 3m }
                task: "cpus:1;mem:128"
        live:
          agents: { expect: 1, timeout: 60s }
          timeScale: 60
          master: { listen: "http://127.0.0.1:5050" }
        """;

    [Test]
    public async Task ARunWithOversubscription_RunsLive_WithTheAgentOptionsItPrints_AndARevocableTaskFinishes()
    {
        var output = Path.Combine(Cluster.Folder, "live");
        var (run, master) = await Cluster.StartLiveRunAsync(Cluster.WriteExperiment("live-revocable", Experiment), output);
        var flags = (await run.WaitForAsync(@"oversubscription: start every agent with (.+?) \(", LiveCluster.StartTimeout)).Groups[1].Value;
        Assert.That(flags, Is.EqualTo("--oversubscription-interval 0.5s --oversubscription-offered 0.9 --qos-threshold 1 --qos-evict newest"));
        Cluster.Start("agent", ["agent", "--master", master, "--listen", "http://127.0.0.1:0", "--name", Cluster.AgentName(0),
            "--resources", "cpus:2;mem:1024", "--token-file", Cluster.TokenFile, .. flags.Split(' ')]);

        int exit = await run.WaitForExitAsync(RunTimeout);

        Assert.That(exit, Is.Zero, run.Output);
        var tasks = TaskRows(output);
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        var header = summary[0].Split(',');
        var row = summary[1].Split(',');
        string Cell(string name) => row[Array.IndexOf(header, name)];
        double Column(string name) => double.Parse(Cell(name), CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain("frameworks[prod].usage: live, each draw caps the share of a task's cpus"));
            Assert.That(tasks.Select(t => (t["framework"], t["state"])), Is.EquivalentTo(new[] { ("prod", "FINISHED"), ("spare", "FINISHED") }));
            Assert.That(Column("revocable_alloc_cpu_mean"), Is.GreaterThan(0), "the spare task ran on revocable resources");
            Assert.That(Column("evictions"), Is.Zero);
            Assert.That(Cell("usage_util_cpu_mean"), Is.Empty, "not measured live (NaN, written empty): no draw stands in for it");
        });
    }
}
