using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>TASK_GONE_BY_OPERATOR as src/master/master.cpp (markGone, __removeSlave) sends it: to PARTITION_AWARE
/// frameworks only, TASK_LOST to the others; a gone agent may never register again.</summary>
public class MarkAgentGoneTests
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

    private (FrameworkId, RecordingScheduler) Framework(string name, bool aware)
    {
        var scheduler = new RecordingScheduler();
        var info = new FrameworkInfo(name, name);
        if (aware) info = info with { Capabilities = new SortedSet<string>([Master.PartitionAware], StringComparer.Ordinal) };
        return (_master.AddFramework(info, scheduler), scheduler);
    }

    private static TaskSpec Task(string id) => new(new TaskId(id), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(10));

    /// <summary>One framework (the test allocator offers everything to the first) runs t1 on a1.</summary>
    private (FrameworkId, RecordingScheduler) TaskOnA1(bool aware)
    {
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var (framework, link) = Framework("fw", aware);
        _loop.RunDueNow();
        _master.Accept(framework, [link.Offers.Single().Id], [Task("t1")], OfferFilter.None);
        _loop.RunDueNow();
        return (framework, link);
    }

    [TestCase(true, TaskState.GoneByOperator)]
    [TestCase(false, TaskState.Lost)]
    public void MarkingARegisteredAgentGone_IsGoneByOperator_ForPartitionAware_AndLost_ForOthers(bool aware, TaskState expected)
    {
        var (framework, link) = TaskOnA1(aware);
        Assert.That(_master.MarkAgentGone("a1"), Is.True);
        _loop.RunDueNow();
        Assert.That(link.Updates.Select(u => u.State), Is.EqualTo(new[] { TaskState.Running, expected }));
        Assert.That(link.Updates.Last().Reason, Is.EqualTo(Master.MarkedGoneReason));
        // master.cpp, __removeSlave: REASON_AGENT_REMOVED_BY_OPERATOR with GONE_BY_OPERATOR, REASON_AGENT_REMOVED
        // with the LOST a framework that is not partition-aware hears instead; both from SOURCE_MASTER.
        Assert.That((link.Updates.Last().Code, link.Updates.Last().Source), Is.EqualTo(
            (aware ? StatusReason.AgentRemovedByOperator : StatusReason.AgentRemoved, StatusSource.Master)));
        Assert.That(_master.LiveTasks(framework), Is.Zero);
        Assert.That(_allocator.Calls, Has.Some.Contains("removeAgent 0"));
        Assert.That(_master.IsGone("a1"), Is.True);
        Assert.That(_master.MarkAgentGone("a1"), Is.False, "already gone");
        Assert.Throws<InvalidOperationException>(() => _master.AddAgent(AgentInfo.Of("a1", "cpus:4;mem:4096"), new SimulatedAgent(_loop, _master)));
    }

    [TestCase(true, new[] { TaskState.Running, TaskState.Unreachable, TaskState.GoneByOperator })]
    // Told LOST at the partition; Mesos repeats LOST at markGone, the simulator does not.
    [TestCase(false, new[] { TaskState.Running, TaskState.Lost })]
    public void AnUnreachableAgentMarkedGone_TellsPartitionAwareFrameworks_GoneByOperator(bool aware, TaskState[] expected)
    {
        var (_, link) = TaskOnA1(aware);
        _master.MarkAgentUnreachable(new AgentId(0));
        _loop.RunDueNow();
        Assert.That(_master.IsUnreachable("a1"), Is.True);
        Assert.That(_master.MarkAgentGone("a1"), Is.True);
        _loop.RunDueNow();
        Assert.That(link.Updates.Select(u => u.State), Is.EqualTo(expected));
        Assert.That(link.Updates.Skip(1).Select(u => (u.Code, u.Source)), Is.EqualTo(aware
            ? new[] { (StatusReason.AgentRemoved, StatusSource.Master), (StatusReason.AgentRemovedByOperator, StatusSource.Master) }
            : new[] { (StatusReason.AgentRemoved, StatusSource.Master) }));
        Assert.That(_master.IsUnreachable("a1"), Is.False);
        Assert.That(_master.IsGone("a1"), Is.True);
    }

    [Test]
    public void AnUnreachableAgentThatRegistersAgain_IsNoLongerUnreachable_AndAnUnknownOneCannotBeMarkedGone()
    {
        TaskOnA1(aware: true);
        _master.MarkAgentUnreachable(new AgentId(0));
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        Assert.That(_master.IsUnreachable("a1"), Is.False);
        Assert.That(_master.MarkAgentGone("nobody"), Is.False);
    }

    [Test]
    public void GoneStates_AreTerminal_AndNamedAsMesosNamesThem()
    {
        Assert.That(TaskState.Gone.IsTerminal() && TaskState.GoneByOperator.IsTerminal(), Is.True);
        Assert.That(TaskState.Gone.Name(), Is.EqualTo("GONE"));
        Assert.That(TaskState.GoneByOperator.Name(), Is.EqualTo("GONE_BY_OPERATOR"));
        Assert.That((int)TaskState.Unreachable, Is.EqualTo(6), "existing states keep their values");
    }
}
