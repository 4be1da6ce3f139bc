using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>
/// A long run must keep only what is live: after thousands of short tasks the master's and the frameworks'
/// records hold the tasks and jobs still running, not the ones done (a month of a large cell finishes tens of
/// millions of tasks).
/// </summary>
public class FinishedWorkRetentionTests
{
    private static IEnumerable<WorkloadJob> Jobs(string prefix, int jobs, int tasks, double every, double seconds, bool unique) =>
        Enumerable.Range(0, jobs).Select(j => new WorkloadJob($"{prefix}{j}", Time.Zero + Duration.FromSeconds(j * every),
            Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}", R.Of(cpus: 1, mem: 256), Duration.FromSeconds(seconds),
                Time.Zero + Duration.FromSeconds(j * every), 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray())
        { IdIsUnique = unique });

    private static (SimLoop Loop, HostedCluster Cluster, List<SimulatedAgent> Agents) Cluster(int agents)
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        var list = new List<SimulatedAgent>();
        for (int i = 0; i < agents; i++)
        {
            var agent = new SimulatedAgent(loop, cluster.Master);
            agent.Register(AgentInfo.Of($"a{i}", "cpus:4;mem:4096"));
            list.Add(agent);
        }
        return (loop, cluster, list);
    }

    [Test]
    public void AfterThousandsOfShortTasks_MasterFrameworksAndAgents_HoldOnlyTheLiveOnes()
    {
        var (loop, cluster, agents) = Cluster(agents: 4);
        var fleet = new FrameworkFleet(loop, cluster);
        var batch = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "a"));
        var gang = fleet.Add(FrameworkKind.Gang, new FrameworkSettings("gang", "b"), Duration.FromSeconds(30));
        // 2,000 batch jobs of 3 tasks and 500 gangs of 2, one every few seconds, each task 20 s long.
        batch.Start(Jobs("b", jobs: 2000, tasks: 3, every: 5, seconds: 20, unique: true));
        gang.Start(Jobs("g", jobs: 500, tasks: 2, every: 20, seconds: 20, unique: true));

        // Midway, with work in flight, what is kept is what runs.
        loop.RunUntil(Time.Zero + Duration.FromSeconds(5000));
        int running = agents.Sum(a => a.RunningTasks);
        Assert.That(running, Is.GreaterThan(0), "work is in flight midway");
        Assert.That(batch.LiveTasks + gang.LiveTasks, Is.EqualTo(running));
        Assert.That(cluster.Master.LiveTasks(batch.Id) + cluster.Master.LiveTasks(gang.Id), Is.EqualTo(running));
        Assert.That(batch.OpenJobs.Count(), Is.LessThanOrEqualTo(batch.LiveTasks + batch.PendingTasks));
        Assert.That(batch.RememberedJobIds + gang.RememberedJobIds, Is.Zero, "generated job ids are not remembered");

        loop.RunUntil(Time.Zero + Duration.FromHours(4));
        Assert.That(batch.TasksSubmitted + gang.TasksSubmitted, Is.EqualTo(2000 * 3 + 500 * 2));
        Assert.That(fleet.AllDrained, Is.True);
        Assert.That(agents.Sum(a => a.RunningTasks), Is.Zero);
        Assert.That(batch.LiveTasks + gang.LiveTasks, Is.Zero);
        Assert.That(cluster.Master.LiveTasks(batch.Id) + cluster.Master.LiveTasks(gang.Id), Is.Zero);
        Assert.That(batch.OpenJobs.Concat(gang.OpenJobs), Is.Empty);
        Assert.That(batch.UnfinishedTasks().Concat(gang.UnfinishedTasks()), Is.Empty);
        Assert.That(batch.RememberedJobIds + gang.RememberedJobIds, Is.Zero);
        Assert.That(cluster.Master.OutstandingOfferCount, Is.LessThanOrEqualTo(agents.Count * 2), "at most an offer per agent and framework");
    }

    [Test]
    public void JobIdsThatMayRecur_AreRemembered_SoALaterPartGetsItsOwnId()
    {
        var (loop, cluster, _) = Cluster(agents: 1);
        var fleet = new FrameworkFleet(loop, cluster);
        var batch = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "a"));
        var ended = new List<string>();
        batch.Observer = new JobLog(ended);
        // A trace job arriving in two parts under one id.
        batch.Start(Jobs("j", jobs: 1, tasks: 1, every: 0, seconds: 5, unique: false)
            .Concat(Jobs("j", jobs: 1, tasks: 1, every: 0, seconds: 5, unique: false).Select(j => j with { Submit = Time.Zero + Duration.FromSeconds(60) })));
        loop.RunUntil(Time.Zero + Duration.FromHours(1));
        Assert.That(ended, Is.EqualTo(new[] { "j0", "j0.1" }));
        Assert.That(batch.RememberedJobIds, Is.EqualTo(1));
    }

    private sealed class JobLog(List<string> ended) : IWorkloadObserver
    {
        public void JobEnded(FrameworkScheduler framework, TrackedJob job) => ended.Add(job.Id);
    }
}
