using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>
/// A listener hears each launched task's end once, with what it was launched with, so that it needs no map of
/// its own of what each running task holds (the run recorder's use of the cluster).
/// </summary>
public class TaskTerminatedTests
{
    private sealed class Ends : IMasterListener
    {
        public readonly List<(string Task, TaskState State, R Resources)> Terminated = [];
        public readonly List<(string Task, TaskState State)> Changed = [];
        public void TaskStatusChanged(StatusUpdate status) => Changed.Add((status.Task.Value, status.State));
        public void TaskTerminated(StatusUpdate status, R resources) => Terminated.Add((status.Task.Value, status.State, resources));
    }

    [Test]
    public void AnEndedTask_ReachesTheListener_WithItsResources_AndNotAsAStatusChange()
    {
        var loop = new SimLoop();
        var master = new Master(loop, new RecordingAllocator(loop), new AllocationOptions { SkipIdleRuns = false });
        var ends = new Ends();
        master.AddListener(ends);
        master.Start();
        new SimulatedAgent(loop, master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var link = new RecordingScheduler();
        var framework = master.AddFramework(new FrameworkInfo("fw", "fw"), link);
        loop.RunDueNow();
        master.Accept(framework, [link.Offers.Single().Id],
        [
            new TaskSpec(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(1)),
            new TaskSpec(new TaskId("t2"), R.Parse("cpus:2;mem:256"), Duration.FromHours(1)),
        ], OfferFilter.None);
        loop.RunUntil(Time.Zero + Duration.FromMinutes(2));

        Assert.That(ends.Terminated, Is.EqualTo(new[] { ("t1", TaskState.Finished, R.Parse("cpus:1;mem:128")) }));

        master.RemoveFramework(framework);

        Assert.That(ends.Terminated[1], Is.EqualTo(("t2", TaskState.Killed, R.Parse("cpus:2;mem:256"))));
        Assert.That(ends.Changed.Where(c => c.State.IsTerminal()), Is.Empty);
    }
}
