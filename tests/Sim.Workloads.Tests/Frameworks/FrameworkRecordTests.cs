using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>
/// A framework in the master's process finds a task's record through the record the master hands back with its
/// updates; over the scheduler API no record comes back and it finds the task by id. Both must run the same.
/// </summary>
public class FrameworkRecordTests
{
    /// <summary>A driver that sends the tasks as the scheduler API carries them: without the framework's record.</summary>
    private sealed class RecordlessDriver(ISchedulerDriver inner) : ISchedulerDriver
    {
        public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler) => inner.Subscribe(info, scheduler);
        public bool IsSubscribed => inner.IsSubscribed;
        public FrameworkId Framework => inner.Framework;
        public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
            IReadOnlyList<OfferOperation>? operations = null) =>
            inner.Accept(offers, tasks.Select(t => t with { FrameworkRecord = null }).ToArray(), filter, operations);
        public void Decline(OfferId offer, OfferFilter filter) => inner.Decline(offer, filter);
        public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter) => inner.Decline(offers, filter);
        public void Revive() => inner.Revive();
        public void Suppress() => inner.Suppress();
        public void Suppress(IReadOnlyCollection<string> roles) => inner.Suppress(roles);
        public void Revive(IReadOnlyCollection<string> roles) => inner.Revive(roles);
        public void Kill(TaskId task) => inner.Kill(task);
        public void Acknowledge(StatusUpdate update) => inner.Acknowledge(update);
        public void Reconcile(IReadOnlyList<TaskId> tasks) => inner.Reconcile(tasks);
        public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null) =>
            inner.UpdateFramework(info, suppressedRoles, failoverTimeout);
        public void Teardown() => inner.Teardown();
        public R Footprint(R demand) => inner.Footprint(demand);
    }

    private sealed class Ended : IWorkloadObserver
    {
        public List<string> Tasks { get; } = [];
        public void TaskEnded(FrameworkScheduler framework, TrackedTask task) =>
            Tasks.Add($"{framework.Name} {task.Id} {task.StateName} {task.Start} {task.End} {task.Attempts} {task.Agent}");
    }

    // Batch jobs whose every third task fails (retried once, then failed for good) and gangs that wait to fit.
    private static IEnumerable<WorkloadJob> Jobs(string prefix, int jobs, int tasks, double seconds, bool failures) =>
        Enumerable.Range(0, jobs).Select(j => new WorkloadJob($"{prefix}{j}", Time.Zero + Duration.FromSeconds(3 * j),
            Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}", R.Of(cpus: 1, mem: 256), Duration.FromSeconds(seconds + i),
                Time.Zero + Duration.FromSeconds(3 * j), 0, failures && i % 3 == 2 ? TaskOutcome.Failed : TaskOutcome.Finished,
                WorkloadTask.NoParents)).ToArray()));

    private static (List<string> Ended, bool[] Indexed) Run(bool recordless)
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var hosted = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        hosted.Start();
        for (int i = 0; i < 3; i++) new SimulatedAgent(loop, hosted.Master).Register(AgentInfo.Of($"a{i}", "cpus:4;mem:4096"));
        IClusterEndpoint endpoint = recordless
            ? new StandingCluster(name => new RecordlessDriver(hosted.Connect(name)), () => hosted.Capacity)
            : hosted;
        var fleet = new FrameworkFleet(loop, endpoint);
        var ended = new Ended();
        var batch = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "a") { MaxRetries = 1 });
        var gang = fleet.Add(FrameworkKind.Gang, new FrameworkSettings("gang", "b"), Duration.FromSeconds(30));
        batch.Observer = gang.Observer = ended;
        batch.Start(Jobs("b", jobs: 6, tasks: 5, seconds: 10, failures: true));
        gang.Start(Jobs("g", jobs: 3, tasks: 4, seconds: 7, failures: false));
        loop.RunUntil(Time.Zero + Duration.FromHours(1));
        Assert.That(fleet.AllDrained, Is.True);
        return (ended.Tasks, [batch.LiveTasksIndexedById, gang.LiveTasksIndexedById]);
    }

    [Test]
    public void AFrameworkWhoseUpdatesCarryNoRecord_RunsAsOneWhoseUpdatesDo()
    {
        var (withRecords, indexedWith) = Run(recordless: false);
        var (withoutRecords, indexedWithout) = Run(recordless: true);

        Assert.That(withRecords, Has.Count.EqualTo(6 * 5 + 3 * 4));
        Assert.That(withRecords.Count(t => t.Contains(" FAILED ")), Is.EqualTo(6), "the tasks the workload fails end FAILED");
        Assert.That(withoutRecords, Is.EqualTo(withRecords));
        Assert.That(indexedWith, Is.EqualTo(new[] { false, false }), "in process every update carries the framework's record");
        Assert.That(indexedWithout, Is.EqualTo(new[] { true, true }));
    }
}
