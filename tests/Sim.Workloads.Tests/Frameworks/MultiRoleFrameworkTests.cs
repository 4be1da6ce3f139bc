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

/// <summary>A batch framework in several roles (MULTI_ROLE) with work pinned to each role: each role's work runs
/// only on offers made to it, and each role is suppressed while it has nothing pending (Mesos's SUPPRESS with
/// roles, hierarchical.cpp suppressRoles).</summary>
public class MultiRoleFrameworkTests
{
    private static WorkloadJob Job(string id, double at, int tasks, double seconds, double cpus) =>
        new(id, Time.Zero + Duration.FromSeconds(at),
            Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}", R.Of(cpus: cpus, mem: 256), Duration.FromSeconds(seconds),
                Time.Zero + Duration.FromSeconds(at), 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray());

    private sealed class Ended : IWorkloadObserver
    {
        public List<(string Job, string? Role, Time End)> Tasks { get; } = [];
        public void TaskEnded(FrameworkScheduler framework, TrackedTask task) => Tasks.Add((task.Job.Id, task.Role, task.End!.Value));
    }

    [Test]
    public void PinnedWork_RunsInItsRole_AndAnIdleRoleIsSuppressed()
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        new SimulatedAgent(loop, cluster.Master).Register(AgentInfo.Of("a0", "cpus:4;mem:4096"));
        var fleet = new FrameworkFleet(loop, cluster);
        var framework = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("spark", "prod") { Roles = ["prod", "dev"] });
        var ended = new Ended();
        framework.Observer = ended;
        // prod has work at 0 s (4 CPUs for 10 s), dev only at 20 s.
        framework.StartWorkloads([("prod", [Job("p", 0, 4, 10, 1)]), ("dev", [Job("d", 20, 2, 10, 2)])]);

        // At 0 s dev, with nothing pending, is suppressed at once; prod takes the agent and, with all its work
        // launched, is suppressed too.
        var suppressedAt0 = new List<string[]>();
        loop.At(Time.Zero, () => suppressedAt0.Add(cluster.Master.SuppressedRoles(framework.Id).Order().ToArray()));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(5));
        Assert.That(suppressedAt0.Single(), Is.EqualTo(new[] { "dev" }));
        Assert.That(cluster.Master.SuppressedRoles(framework.Id).Order(), Is.EqualTo(new[] { "dev", "prod" }));
        Assert.That(framework.PendingTasksIn("prod") + framework.PendingTasksIn("dev"), Is.Zero);

        loop.RunUntil(Time.Zero + Duration.FromHours(1));
        Assert.That(ended.Tasks.Where(t => t.Job == "p").Select(t => t.Role), Is.All.EqualTo("prod"));
        Assert.That(ended.Tasks.Where(t => t.Job == "d").Select(t => t.Role), Is.All.EqualTo("dev"));
        Assert.That(ended.Tasks.Where(t => t.Job == "d").Select(t => t.End), Is.All.EqualTo(Time.Zero + Duration.FromSeconds(30)),
            "dev revives when its job arrives and is offered the agent at once");
        Assert.That(cluster.Master.SuppressedRoles(framework.Id).Order(), Is.EqualTo(new[] { "dev", "prod" }));
        Assert.That(framework.IsDrained, Is.True);
    }
}
