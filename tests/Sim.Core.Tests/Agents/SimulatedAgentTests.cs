using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Tests.Cluster;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Agents;

/// <summary>
/// The agent keeps its tasks in a list each task knows its place in (removal moves the last task into the
/// gap); what it runs must be what a keyed map gave: each task ends once, at its own time, and a kill finds
/// the task by framework and id wherever the moves have put it.
/// </summary>
public class SimulatedAgentTests
{
    private SimLoop _loop = null!;
    private SimulatedAgent _agent = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        var master = new Master(_loop, new RecordingAllocator(_loop), new AllocationOptions());
        _agent = new SimulatedAgent(_loop, master);
        _agent.Register(AgentInfo.Of("a1", "cpus:8;mem:8192"));
    }

    private static TaskSpec Task(string id, double seconds) =>
        new(new TaskId(id), R.Parse("cpus:1;mem:128"), Duration.FromSeconds(seconds));

    [Test]
    public void Tasks_EndAtTheirOwnTimes_WhateverOrderTheyLeaveIn()
    {
        var fw = new FrameworkId(1);
        _agent.Launch(fw, Task("t0", 30));
        _agent.Launch(fw, Task("t1", 10));
        _agent.Launch(fw, Task("t2", 20));
        _agent.Launch(fw, Task("t3", 40));

        int[] expected = [4, 3, 2, 1, 0];
        for (int s = 0; s <= 4; s++)
        {
            _loop.RunUntil(Time.FromSeconds(s * 10 + 5));
            Assert.That(_agent.RunningTasks, Is.EqualTo(expected[s]), $"at {s * 10 + 5} s");
        }
    }

    [Test]
    public void Kill_FindsATaskMovedByAnEarlierRemoval_AndCancelsItsEnd()
    {
        var fw = new FrameworkId(1);
        var other = new FrameworkId(2);
        _agent.Launch(fw, Task("t0", 10));
        _agent.Launch(fw, Task("t1", 100));
        _agent.Launch(other, Task("t1", 100));
        _agent.Launch(fw, Task("t3", 100));
        _loop.RunUntil(Time.FromSeconds(15)); // t0 ends; the last task moves into its place

        _agent.Kill(fw, new TaskId("t3"));
        _agent.Kill(fw, new TaskId("nope"));
        _loop.RunUntil(Time.FromSeconds(16));
        Assert.That(_agent.RunningTasks, Is.EqualTo(2));

        _agent.Kill(other, new TaskId("t1"));
        _loop.RunUntil(Time.FromSeconds(17));
        Assert.That(_agent.RunningTasks, Is.EqualTo(1));

        // t3's end was cancelled with its kill: only fw's t1 is left to end.
        long before = _loop.EventsRun;
        _loop.RunUntil(Time.FromSeconds(200));
        Assert.That(_agent.RunningTasks, Is.Zero);
        Assert.That(_loop.EventsRun - before, Is.EqualTo(1));
    }

    [Test]
    public void Shutdown_CancelsEveryEnd()
    {
        var fw = new FrameworkId(1);
        _agent.Launch(fw, Task("t0", 10));
        _agent.Launch(fw, Task("t1", 20));
        _loop.RunUntil(Time.FromSeconds(1));
        _agent.Shutdown();
        long before = _loop.EventsRun;
        _loop.RunUntil(Time.FromSeconds(100));
        Assert.That(_agent.RunningTasks, Is.Zero);
        Assert.That(_loop.EventsRun - before, Is.Zero);
    }

    [Test]
    public void ALaunchUnderAnIdThatIsRunning_TakesItsPlace_AsAMapByFrameworkAndIdDid()
    {
        var fw = new FrameworkId(1);
        _agent.Launch(fw, Task("t0", 100));
        _agent.Launch(new FrameworkId(2), Task("t0", 100));
        _agent.Launch(fw, Task("t0", 10));
        Assert.That(_agent.RunningTasks, Is.EqualTo(2));

        // The newer t0 ends at 10 s and leaves; the older one's end, at 100 s, finds nothing of fw's left.
        _loop.RunUntil(Time.FromSeconds(15));
        Assert.That(_agent.RunningTasks, Is.EqualTo(1));
        _loop.RunUntil(Time.FromSeconds(150));
        Assert.That(_agent.RunningTasks, Is.Zero);
    }
}
