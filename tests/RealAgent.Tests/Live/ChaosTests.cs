using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// The chaos run: three masters elected through etcd, three agents on their own network hosts (namespaces),
/// and a live run of a batch framework against the masters (<c>run --live --master URL1,URL2,URL3</c>). While it
/// runs: the leading master is killed with SIGKILL, one agent is cut off for longer than the heartbeat timeout
/// and then healed, one task's container is killed, and the Docker daemon is restarted (and left running). The
/// run must complete with every task in exactly one final state, relaunched work as new attempts, no task with
/// two containers running at once, no container left behind, and all outputs written. It prints the time from
/// the leader's death to a new leader serving offers. Runs under CI=true (never skipped there).
/// </summary>
[NonParallelizable]
[Category("Chaos")]
public class ChaosTests : LiveClusterTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private const int Tasks = 12;

    // The whole chaos run's bound (the per-test one of the Docker tests is a minute).
    private readonly CancellationTokenSource _limit = new(TimeSpan.FromMinutes(4));

    private const string Experiment = """
        name: chaos
        seed: 7
        horizon: 30m
        sample: 10s
        allocation: { policy: drf, interval: 1s, refuse: 1s }
        cluster:
          agents:
            - { count: 3, resources: "cpus:1;mem:1024" }
        roles:
          batch: { weight: 1 }
        frameworks:
          - name: work
            role: batch
            kind: batch
            maxRetries: 50
            workload:
              synthetic: { jobs: 12, arrival: { every: 40s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 150s }, task: "cpus:0.1;mem:64" }
        live:
          agents: { expect: 3, timeout: 60s }
          timeScale: 10
          master: { listen: "http://127.0.0.1:5050" }
        """;

    [Test]
    public async Task ARunThroughLeaderDeath_APartition_AKilledContainer_AndADockerRestart_LosesNothing()
    {
        using var hosts = NetworkHosts.Create(3);
        using var etcd = await EtcdServer.StartAsync(Cluster.Folder);
        var masters = new ClusterProcess[3];
        var urls = new string[3];
        for (int i = 0; i < 3; i++)
        {
            masters[i] = Cluster.Start($"master {i}", "master", "--listen", $"http://{hosts.BridgeAddress}:0", "--token-file", Cluster.TokenFile,
                "--etcd", etcd.Url, "--leader-ttl", "2s", "--heartbeat", "1s", "--missed-heartbeats", "6");
            urls[i] = (await masters[i].WaitForAsync(@"master listening on (http://10\.213\.\d+\.1:\d+)", Bound)).Groups[1].Value;
        }
        var all = string.Join(',', urls);
        for (int i = 0; i < 3; i++) await Cluster.StartAgentIn(hosts, i, all, "cpus:1;mem:1024").WaitForAsync("registered with", Bound);
        await using var lifetimes = new ContainerLifetimes(Client, Cluster.Prefix + "-");
        var output = Path.Combine(Cluster.Folder, "chaos");
        var run = Cluster.Start("run --live --master", "run", Cluster.WriteExperiment("chaos", Experiment), "--live", "--master", all,
            "--principal", "clustersim", "--secret-file", Cluster.TokenFile, "--out", output);
        await run.WaitForAsync("run started on", Bound);
        await AgentContainerEventsAsync("start", _ => true, 3, _limit.Token);

        // 1. The leader dies.
        int old = Array.IndexOf(urls, await LeaderAsync(urls[0]));
        var death = Stopwatch.StartNew();
        masters[old].Kill();
        var leader = await NewLeaderAsync(urls, masters, old);
        await leader.WaitForAsync("serving offers", Bound);
        var failover = death.Elapsed;
        TestContext.Progress.WriteLine($"chaos: time from leader death to new leader serving offers: {failover.TotalSeconds:0.00} s");
        for (int i = 0; i < 3; i++)
            await leader.WaitForAsync($"agent {Cluster.AgentName(i)} re-registered after the master failover", Bound);

        // 2. An agent is cut off for longer than the heartbeat timeout (6 s), then comes back.
        hosts.Partition(2);
        await leader.WaitForAsync($"agent {Cluster.AgentName(2)} at \\S+ missed 6 heartbeats", Bound);
        hosts.Heal(2);
        await leader.WaitForAsync($"agent {Cluster.AgentName(2)} came back after it was unreachable", Bound);

        // 3. One task's container is killed from outside.
        var victim = (await AgentContainersAsync(_limit.Token)).FirstOrDefault(c => c.State == "running");
        if (victim != null) await Client.Containers.KillContainerAsync(victim.ID, new ContainerKillParameters(), _limit.Token);

        // 4. The Docker daemon restarts.
        await DockerDaemon.RestartAsync(_limit.Token);

        int exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.That(exit, Is.Zero, run.Output);
        var tasks = TaskRows(output);
        var left = await NoContainersLeftAsync();
        Assert.Multiple(() =>
        {
            Assert.That(tasks.Select(t => t["task_id"]).ToArray(), Is.Unique.And.Length.EqualTo(Tasks), "one row, so one final state, per task");
            Assert.That(tasks.Select(t => t["state"]), Has.All.EqualTo("FINISHED"),
                string.Join("\n", tasks.Select(t => string.Join(",", t.Values))) + "\n" + run.Output + string.Join("\n", masters.Select(m => m.Output)));
            Assert.That(tasks.Where(t => int.Parse(t["attempts"]) > 1), Is.Not.Empty, "relaunched work is counted as new attempts");
            Assert.That(lifetimes.Overlaps(), Is.Empty, "no task ran twice at the same time");
            Assert.That(left, Is.Empty, "no container left behind");
            foreach (var file in new[] { "summary.csv", "report.html", "run.json", "runs/base/seed-7/jobs.csv", "runs/base/seed-7/timeseries.csv" })
                Assert.That(File.Exists(Path.Combine(output, file)), Is.True, file);
            Assert.That(failover, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    private HttpClient Http() => new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Cluster.Token) },
    };

    private async Task<string?> LeaderAsync(string master)
    {
        using var http = Http();
        using var state = JsonDocument.Parse(await http.GetStringAsync(master + "/state", _limit.Token));
        return state.RootElement.TryGetProperty("leader", out var leader) ? leader.GetString() : null;
    }

    /// <summary>Asks the surviving masters who leads until one names a master other than the dead one.</summary>
    private async Task<ClusterProcess> NewLeaderAsync(string[] urls, ClusterProcess[] masters, int dead)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Bound)
        {
            foreach (var i in Enumerable.Range(0, urls.Length).Where(i => i != dead))
            {
                var named = await LeaderAsync(urls[i]);
                int index = named == null ? -1 : Array.IndexOf(urls, named);
                if (index >= 0 && index != dead) return masters[index];
            }
            await Task.Delay(100, _limit.Token);
        }
        Assert.Fail($"no new leader within {Bound.TotalSeconds} s");
        return null!;
    }

    /// <summary>This cluster's containers once the agents have removed those whose end was acknowledged; the
    /// last ones go a moment after the run.</summary>
    private async Task<string[]> NoContainersLeftAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var left = (await AgentContainersAsync(_limit.Token)).Select(c => $"{c.Labels["clustersim.task"]} ({c.State})").ToArray();
            if (left.Length == 0 || deadline.Elapsed > TimeSpan.FromSeconds(30)) return left;
            await Task.Delay(250, _limit.Token);
        }
    }
}
