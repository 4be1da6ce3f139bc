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
/// A batch job whose tasks all ask for the same waits in its framework's queue as one entry, and its tasks are
/// made only as they launch: what the framework launches, in which order, and what it reports must be what the
/// task-by-task queue gave.
/// </summary>
public class DeferredTasksTests
{
    private static WorkloadJob Job(string id, double seconds, params string[] requests) =>
        new(id, Time.Zero, requests.Select((r, i) => new WorkloadTask(i, "", R.Parse(r), Duration.FromSeconds(seconds),
            Time.Zero, 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray());

    private static WorkloadJob Alike(string id, int tasks, string request, double seconds = 100) =>
        Job(id, seconds, Enumerable.Repeat(request, tasks).ToArray());

    private static (SimLoop Loop, BatchFramework Batch, List<TrackedJob> Arrived) Run(string agent, params WorkloadJob[] jobs)
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        new SimulatedAgent(loop, cluster.Master).Register(AgentInfo.Of("a0", agent));
        var fleet = new FrameworkFleet(loop, cluster);
        var batch = (BatchFramework)fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "r"));
        var arrived = new List<TrackedJob>();
        batch.Observer = new Arrivals(arrived);
        batch.Start(jobs);
        return (loop, batch, arrived);
    }

    [Test]
    public void AJobsWaitingTasks_AreMadeOnlyAsTheyLaunch_InOrder()
    {
        var (loop, batch, arrived) = Run("cpus:4;mem:4096", Alike("j", 10, "cpus:1;mem:256"));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(10));

        var job = arrived.Single();
        Assert.That(batch.LiveTasks, Is.EqualTo(4));
        Assert.That((job.DeferredFrom, job.DeferredCount, batch.PendingTasks), Is.EqualTo((4, 6, 6)), "six tasks wait unmade");

        // What is written at the end of a run still lists every task not done, in order, the unmade as pending.
        var open = batch.UnfinishedTasks().Select(t => (t.Id.Value, t.StateName)).ToArray();
        Assert.That(open.Select(t => t.Value), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"j/{i}")));
        Assert.That(open.Skip(4).Select(t => t.StateName), Is.All.EqualTo("PENDING"));
    }

    [Test]
    public void AJobThatWaitsWhole_KeepsNoTasks_ItsFrameworkListsThoseNotDone()
    {
        var (loop, batch, arrived) = Run("cpus:4;mem:4096", Alike("j", 6, "cpus:1;mem:256"));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(150));

        // Four ran for 100 s and ended; the last two started then and still run.
        var job = arrived.Single();
        Assert.That((job.Ended, job.Finished, job.TaskCount), Is.EqualTo((4, 4, 6)));
        Assert.That(batch.UnfinishedTasks().Select(t => (t.Id.Value, t.StateName)), Is.EqualTo(new[] { ("j/4", "RUNNING"), ("j/5", "RUNNING") }));
        Assert.That(() => job.Tasks, Throws.InvalidOperationException.With.Message.Contains("job j waits as one entry"));

        loop.RunUntil(Time.Zero + Duration.FromSeconds(400));
        Assert.That((job.IsDone, job.State), Is.EqualTo((true, "FINISHED")));
    }

    [Test]
    public void TasksLaunch_InTheOrderOfTheTaskByTaskQueue_SkippingWhatDoesNotFit()
    {
        // Job "big" asks for more than the free cpus after "a" takes 3 of 4: the small task behind it goes.
        var (loop, batch, arrived) = Run("cpus:4;mem:4096",
            Alike("a", 3, "cpus:1;mem:256"), Alike("big", 2, "cpus:2;mem:256"), Alike("small", 1, "cpus:1;mem:256"));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(10));
        Assert.That(batch.UnfinishedTasks().Select(t => (t.Id.Value, t.StateName)), Is.EqualTo(new[]
        {
            ("a/0", "RUNNING"), ("a/1", "RUNNING"), ("a/2", "RUNNING"), ("big/0", "PENDING"), ("big/1", "PENDING"), ("small/0", "RUNNING"),
        }));
        Assert.That(arrived.Select(j => j.Defers), Is.All.True);
    }

    // One offer looks at most 4,096 queued tasks: the tasks of a waiting job count one by one, whether they
    // wait as one entry (all alike) or each as its own (alike in pairs, so not deferred).
    [TestCase(4095, true, true)]
    [TestCase(4096, true, false)]
    [TestCase(4095, false, true)]
    [TestCase(4096, false, false)]
    public void AnOffersScan_CountsEachWaitingTask(int tooBig, bool alike, bool smallStarts)
    {
        var requests = Enumerable.Range(0, tooBig).Select(i => alike || i % 2 == 0 ? "cpus:8;mem:256" : "cpus:9;mem:256").ToArray();
        var (loop, batch, arrived) = Run("cpus:4;mem:4096", Job("big", 100, requests), Alike("small", 1, "cpus:1;mem:256"));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(3));
        Assert.That(arrived[0].Defers, Is.EqualTo(alike), "alike tasks wait as one entry");
        Assert.That(batch.LiveTasks, Is.EqualTo(smallStarts ? 1 : 0));
    }

    private sealed class Arrivals(List<TrackedJob> arrived) : IWorkloadObserver
    {
        public void JobArrived(FrameworkScheduler framework, TrackedJob job) => arrived.Add(job);
    }
}
