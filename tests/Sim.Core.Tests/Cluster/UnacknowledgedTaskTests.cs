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
/// A task that ended on its agent stays known to the master until the framework acknowledges its terminal
/// update, as in Mesos (src/master/master.cpp, Master::updateTask keeps it, Master::acknowledge removes it;
/// src/tests/reconciliation_tests.cpp, UnacknowledgedTerminalTask and ImplicitTerminalTask): reconciliation
/// answers its terminal state until then, though its resources returned when it ended.
/// </summary>
public class UnacknowledgedTaskTests
{
    private SimLoop _loop = null!;
    private Master _master = null!;
    private RecordingAllocator _allocator = null!;
    private FrameworkId _framework;
    private RecordingScheduler _link = null!;

    private static readonly AgentId A1 = new(0);

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _allocator = new RecordingAllocator(_loop);
        _master = new Master(_loop, _allocator, new AllocationOptions { SkipIdleRuns = false });
        _master.Start();
    }

    /// <summary>Agent a1 runs t1 (one minute) and t2 (an hour) of a framework that never acknowledges; the clock
    /// then stands just after t1 finished.</summary>
    private void T1FinishedOnA1(bool aware = true)
    {
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var info = new FrameworkInfo("fw", "fw");
        if (aware) info = info with { Capabilities = new SortedSet<string>([Master.PartitionAware], StringComparer.Ordinal) };
        _link = new RecordingScheduler();
        _framework = _master.AddFramework(info, _link);
        _loop.RunDueNow();
        _master.Accept(_framework, [_link.Offers.Single().Id],
            [Task("t1", Duration.FromMinutes(1)), Task("t2", Duration.FromHours(1))], OfferFilter.None);
        _loop.RunUntil(Time.Zero + Duration.FromMinutes(1));
    }

    private static TaskSpec Task(string id, Duration duration) => new(new TaskId(id), R.Parse("cpus:1;mem:128"), duration);

    /// <summary>The agent's FINISHED update of t1 (reconciliation answers follow it).</summary>
    private StatusUpdate Finished => _link.Updates.First(u => u.Task.Value == "t1" && u.State == TaskState.Finished);

    private List<(string Task, AgentId Agent, TaskState State)> Answers(params ReconcileTask[] tasks)
    {
        int before = _link.Updates.Count;
        _master.Reconcile(_framework, tasks);
        _loop.RunDueNow();
        return _link.Updates.Skip(before).Select(u => (u.Task.Value, u.Agent, u.State)).ToList();
    }

    private static ReconcileTask Named(string task, AgentId? agent = null) => new(new TaskId(task), agent);

    [Test]
    public void AnEndedTask_NotAcknowledged_IsAnsweredWithItsTerminalState_ExplicitlyAndImplicitly()
    {
        T1FinishedOnA1();
        Assert.That(_master.IsUnacknowledged(_framework, new TaskId("t1")), Is.True);
        Assert.That(Answers(Named("t1", A1), Named("t1")), Is.EqualTo(new[] { ("t1", A1, TaskState.Finished), ("t1", A1, TaskState.Finished) }));
        Assert.That(Answers(), Is.EqualTo(new[] { ("t1", A1, TaskState.Finished), ("t2", A1, TaskState.Running) }));
        Assert.That(_link.Updates.Last().Reason, Is.EqualTo(Master.LatestStateReason));
        // It no longer runs nor holds anything: its resources returned when it ended (Master::updateTask).
        Assert.That((_master.LiveTasks(_framework), _master.RunningTasks(_framework)), Is.EqualTo((1, 1)));
        Assert.That(_allocator.Calls, Does.Contain($"{Time.Zero + Duration.FromMinutes(1)} recover cpus:1;mem:128 refuse {Duration.Zero}"));
    }

    [TestCase(true, TaskState.Gone)]
    [TestCase(false, TaskState.Lost)]
    public void OnceItsTerminalUpdateIsAcknowledged_TheMasterForgetsIt(bool aware, TaskState unknownOnARegisteredAgent)
    {
        T1FinishedOnA1(aware);
        _master.Acknowledge(_framework, Finished);
        Assert.That(_master.IsUnacknowledged(_framework, new TaskId("t1")), Is.False);
        Assert.That(Answers(Named("t1", A1)), Is.EqualTo(new[] { ("t1", A1, unknownOnARegisteredAgent) }));
        Assert.That(Answers(), Is.EqualTo(new[] { ("t2", A1, TaskState.Running) }));
    }

    [Test]
    public void OtherAcknowledgements_LeaveItKnown()
    {
        T1FinishedOnA1();
        var running = _link.Updates.Single(u => u.Task.Value == "t1" && u.State == TaskState.Running);
        _master.Acknowledge(_framework, running);
        Answers(Named("t1", A1));
        var reconciled = _link.Updates.Last();
        _master.Acknowledge(_framework, reconciled);
        _master.Acknowledge(_framework, Finished with { Reason = "another update" });
        _master.Acknowledge(new FrameworkId(7), Finished);
        Assert.That(Answers(Named("t1", A1)), Is.EqualTo(new[] { ("t1", A1, TaskState.Finished) }),
            "a RUNNING update, a reconciliation answer or an update the master did not send is not the terminal update");
    }

    [Test]
    public void RemovingItsAgent_ForgetsIt_AsRemoveSlaveRemovesEveryTaskOfTheAgent()
    {
        T1FinishedOnA1();
        _master.RemoveAgent(A1);
        _loop.RunDueNow();
        Assert.That(_master.IsUnacknowledged(_framework, new TaskId("t1")), Is.False);
        Assert.That(Answers(Named("t1", A1)), Is.EqualTo(new[] { ("t1", A1, TaskState.Unknown) }));
        Assert.That(Answers(), Is.Empty);
    }

    [Test]
    public void AfterAFailover_ItIsKnownAgainOnlyOnceItsAgentReregisters()
    {
        T1FinishedOnA1();
        _master.FailOver();
        Assert.That(Answers(Named("t1", A1)), Is.Empty, "agent recovering: no answer");
        Assert.That(Answers(), Is.Empty);
        _master.ReadmitAgent(A1);
        Assert.That(Answers(Named("t1", A1)), Is.EqualTo(new[] { ("t1", A1, TaskState.Finished) }));
    }

    [Test]
    public void ATaskLostWithItsAgent_IsNotKept_TheMasterEndedIt()
    {
        T1FinishedOnA1();
        _master.Acknowledge(_framework, Finished);
        _master.MarkAgentUnreachable(A1);
        _loop.RunDueNow();
        Assert.That(_master.IsUnacknowledged(_framework, new TaskId("t2")), Is.False);
        Assert.That(Answers(), Is.Empty);
    }

    [Test]
    public void TheInProcessDriver_AcknowledgesThroughTheMaster()
    {
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var driver = new InProcessSchedulerDriver(_master);
        _link = new RecordingScheduler();
        driver.Subscribe(new FrameworkInfo("fw", "fw"), _link);
        _framework = driver.Framework;
        _loop.RunDueNow();
        driver.Accept([_link.Offers.Single().Id], [Task("t1", Duration.FromMinutes(1))], OfferFilter.None);
        _loop.RunUntil(Time.Zero + Duration.FromMinutes(1));
        Assert.That(Answers(), Is.EqualTo(new[] { ("t1", A1, TaskState.Finished) }));
        driver.Acknowledge(Finished);
        Assert.That(Answers(), Is.Empty);
    }
}
