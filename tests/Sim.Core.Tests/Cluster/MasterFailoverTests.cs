using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

public class MasterFailoverTests
{
    private SimLoop _loop = null!;
    private RecordingAllocator _allocator = null!;
    private Master _master = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _allocator = new RecordingAllocator(_loop);
        _master = new Master(_loop, _allocator, new AllocationOptions { SkipIdleRuns = false });
        _master.Start();
    }

    private AgentId AddAgent(string name) => new SimulatedAgent(_loop, _master).Register(AgentInfo.Of(name, "cpus:4;mem:4096"));

    [Test]
    public void AFailover_RescindsOffers_VisitsOnlyReregisteredAgents_AndKeepsTheirTasks()
    {
        var a1 = AddAgent("a1");
        var a2 = AddAgent("a2");
        var scheduler = new RecordingScheduler();
        var fw = _master.AddFramework(new FrameworkInfo("fw", "role"), scheduler);
        _loop.RunDueNow();
        var onA1 = scheduler.Offers.Single(o => o.Agent == a1);
        var onA2 = scheduler.Offers.Single(o => o.Agent == a2);
        var task = new TaskSpec(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(10));
        _master.Accept(fw, [onA1.Id], [task], OfferFilter.None);
        _loop.RunDueNow();
        Assert.That(_master.StateOf(fw, task.Id), Is.EqualTo(TaskState.Running));

        _master.FailOver();
        _loop.RunDueNow();
        Assert.That(scheduler.Rescinded, Is.EqualTo(new[] { onA2.Id }));
        Assert.That(_master.OutstandingOfferCount, Is.Zero);
        Assert.That(_master.IsActive(fw), Is.False);
        Assert.That(_master.AgentsAwaitingReregistration, Is.EqualTo(new[] { a1, a2 }));

        // Until an agent re-registers, allocation runs visit no agent.
        int before = _allocator.Calls.Count;
        _loop.RunUntil(Time.FromSeconds(3));
        var during = _allocator.Calls.Skip(before).Where(c => c.Contains("allocate")).ToArray();
        Assert.That(during, Is.EqualTo(new[] { "1s allocate ", "2s allocate ", "3s allocate " }));

        // a1 comes back with its task, still running; only it is visited; the framework comes back too.
        Assert.That(_master.ReadmitAgent(a1), Is.True);
        _master.ActivateFramework(fw);
        _loop.RunDueNow();
        Assert.That(_allocator.Calls.Where(c => c.Contains("allocate")).Last(), Is.EqualTo("3s allocate 0"));
        Assert.That(_master.AgentOf(fw, task.Id), Is.EqualTo(a1));
        Assert.That(_master.StateOf(fw, task.Id), Is.EqualTo(TaskState.Running));
        Assert.That(_master.IsAwaitingReregistration(a2), Is.True);

        Assert.That(_master.ReadmitAgent(a2), Is.True);
        Assert.That(_master.ReadmitAgent(a2), Is.False);
        _loop.RunUntil(Time.FromSeconds(4));
        Assert.That(_allocator.Calls.Where(c => c.Contains("allocate")).Last(), Is.EqualTo("4s allocate all"));
        Assert.That(_master.AgentsAwaitingReregistration, Is.Empty);
    }

    [Test]
    public void ADisconnectedAgent_HoldsItsUpdates_UntilItReconnects()
    {
        var agent = new SimulatedAgent(_loop, _master);
        var a1 = agent.Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var scheduler = new RecordingScheduler();
        var fw = _master.AddFramework(new FrameworkInfo("fw", "role"), scheduler);
        _loop.RunDueNow();
        var task = new TaskSpec(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromSeconds(10));
        _master.Accept(fw, [scheduler.Offers.Single().Id], [task], OfferFilter.None);
        _loop.RunDueNow();

        _master.FailOver();
        agent.Disconnect();
        _loop.RunUntil(Time.FromSeconds(20));
        // The task ended at 10 s, but the master has not heard: the update waits in the agent's outbox.
        Assert.That(_master.StateOf(fw, task.Id), Is.EqualTo(TaskState.Running));
        Assert.That(agent.RunningTasks, Is.Zero);

        _master.ReadmitAgent(a1);
        agent.Reconnect();
        _loop.RunDueNow();
        Assert.That(_master.StateOf(fw, task.Id), Is.Null);
        Assert.That(scheduler.Updates.Last().State, Is.EqualTo(TaskState.Finished));
        Assert.That(scheduler.Updates.Last().At, Is.EqualTo(Time.FromSeconds(20)));
    }
}
