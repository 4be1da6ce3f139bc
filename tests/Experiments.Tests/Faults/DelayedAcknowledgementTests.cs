using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Faults;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Tests.Faults;

/// <summary>Behind delayed messages a framework's acknowledgements and framework updates still reach the master:
/// its ended tasks are forgotten once it has acknowledged them (Master::acknowledge), and UPDATE_FRAMEWORK arrives
/// after the delay.</summary>
public class DelayedAcknowledgementTests
{
    [Test]
    public void EndedTasks_StayKnownUntilTheDelayedAcknowledgementArrives()
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        var master = cluster.Master;
        new SimulatedAgent(loop, master).Register(AgentInfo.Of("a0", "cpus:4;mem:4096"));
        var driver = new DelayedSchedulerDriver(new InProcessSchedulerDriver(master), loop, () => Duration.FromSeconds(2));
        var framework = new BatchFramework(loop, driver, new FrameworkSettings("batch", "r"));
        var ended = new Ended();
        master.AddListener(ended);
        framework.Start([new WorkloadJob("j", Time.Zero,
            [new WorkloadTask(0, "t", R.Of(cpus: 1, mem: 256), Duration.FromMinutes(1), Time.Zero, 0, TaskOutcome.Finished, WorkloadTask.NoParents)])]);
        loop.RunUntil(Time.Zero + Duration.FromSeconds(65));
        var task = ended.Tasks.Single();
        Assert.That(master.IsUnacknowledged(framework.Id, task), Is.True, "FINISHED is on its way (2 s), its acknowledgement 2 s later");
        loop.RunUntil(Time.Zero + Duration.FromSeconds(67));
        Assert.That(master.IsUnacknowledged(framework.Id, task), Is.False);

        driver.UpdateFramework(new FrameworkInfo("batch", "r").WithRoles(["r", "s"]), suppressedRoles: ["s"]);
        Assert.That(master.FrameworkInfoOf(framework.Id).Roles, Is.EqualTo(new[] { "r" }));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(69));
        Assert.That(master.FrameworkInfoOf(framework.Id).Roles, Is.EqualTo(new[] { "r", "s" }));
        Assert.That(master.SuppressedRoles(framework.Id), Is.EqualTo(new[] { "s" }));
    }

    private sealed class Ended : IMasterListener
    {
        public List<Core.Ids.TaskId> Tasks { get; } = [];
        public void TaskStatusChanged(StatusUpdate status)
        {
            if (status.State == TaskState.Finished) Tasks.Add(status.Task);
        }
    }
}
