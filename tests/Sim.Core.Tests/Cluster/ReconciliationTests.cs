using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>RECONCILE answered as src/master/master.cpp Master::reconcile answers it: the six explicit cases, for
/// PARTITION_AWARE frameworks and (LOST) for the others, and implicit reconciliation of the known tasks.</summary>
public class ReconciliationTests
{
    private SimLoop _loop = null!;
    private Master _master = null!;
    private FrameworkId _framework;
    private RecordingScheduler _link = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _master = new Master(_loop, new RecordingAllocator(_loop), new AllocationOptions { SkipIdleRuns = false });
        _master.Start();
    }

    private static readonly AgentId A1 = new(0);
    private static readonly AgentId A2 = new(1);

    /// <summary>Agents a1 (id 0) and a2 (id 1); the framework (offered everything by the test allocator) runs
    /// t1 on a1.</summary>
    private void TaskOnA1(bool aware)
    {
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var info = new FrameworkInfo("fw", "fw");
        if (aware) info = info with { Capabilities = new SortedSet<string>([Master.PartitionAware], StringComparer.Ordinal) };
        _link = new RecordingScheduler();
        _framework = _master.AddFramework(info, _link);
        _loop.RunDueNow();
        _master.Accept(_framework, [_link.Offers.Single().Id], [new TaskSpec(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(10))], OfferFilter.None);
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a2", "cpus:4;mem:4096"));
        _loop.RunDueNow();
    }

    /// <summary>The updates one reconcile call brings.</summary>
    private List<StatusUpdate> Answers(params ReconcileTask[] tasks)
    {
        int before = _link.Updates.Count;
        _master.Reconcile(_framework, tasks);
        _loop.RunDueNow();
        return _link.Updates.Skip(before).ToList();
    }

    private static ReconcileTask Named(string task, AgentId? agent = null) => new(new TaskId(task), agent);

    [TestCase(true)]
    [TestCase(false)]
    public void AKnownTask_IsAnsweredWithItsLatestState_WhateverAgentIsNamed(bool aware)
    {
        TaskOnA1(aware);
        var answers = Answers(Named("t1"), Named("t1", A1), Named("t1", A2));
        Assert.That(answers.Select(u => (u.Task.Value, u.Agent, u.State, u.Reason)), Is.EqualTo(Enumerable.Repeat(
            ("t1", A1, TaskState.Running, (string?)Master.LatestStateReason), 3)));
        // master.cpp, _reconcileTasks: every answer says REASON_RECONCILIATION from SOURCE_MASTER.
        Assert.That(answers.Select(u => (u.Code, u.Source)), Is.EqualTo(Enumerable.Repeat(
            (StatusReason.Reconciliation, StatusSource.Master), 3)));
    }

    [TestCase(true, TaskState.Gone)]
    [TestCase(false, TaskState.Lost)]
    public void AnUnknownTask_OnARegisteredAgent_IsGone(bool aware, TaskState expected)
    {
        TaskOnA1(aware);
        var answer = Answers(Named("t9", A2)).Single();
        Assert.That((answer.Task.Value, answer.Agent, answer.State), Is.EqualTo(("t9", A2, expected)));
    }

    [TestCase(true, TaskState.Unreachable)]
    [TestCase(false, TaskState.Lost)]
    public void ATask_OnAnUnreachableAgent_IsUnreachable(bool aware, TaskState expected)
    {
        TaskOnA1(aware);
        _master.MarkAgentUnreachable(A1);
        _loop.RunDueNow();
        Assert.That(Answers(Named("t1", A1), Named("t9", A1)).Select(u => u.State), Is.EqualTo(new[] { expected, expected }));
    }

    [TestCase(true, TaskState.GoneByOperator)]
    [TestCase(false, TaskState.Lost)]
    public void ATask_OnAnAgentMarkedGone_IsGoneByOperator(bool aware, TaskState expected)
    {
        TaskOnA1(aware);
        _master.MarkAgentGone("a1");
        _loop.RunDueNow();
        Assert.That(Answers(Named("t1", A1)).Single().State, Is.EqualTo(expected));
    }

    [TestCase(true, TaskState.Unknown)]
    [TestCase(false, TaskState.Lost)]
    public void ATask_OnARemovedOrNeverSeenAgent_OrWithoutAgent_IsUnknown(bool aware, TaskState expected)
    {
        TaskOnA1(aware);
        _master.RemoveAgent(A1);
        _loop.RunDueNow();
        var answers = Answers(Named("t1", A1), Named("t1", new AgentId(42)), Named("t1"));
        Assert.That(answers.Select(u => u.State), Is.EqualTo(new[] { expected, expected, expected }));
        Assert.That(answers.Select(u => u.Agent), Is.EqualTo(new[] { A1, new AgentId(42), new AgentId(-1) }));
        Assert.That(answers.Select(u => u.Code), Is.All.EqualTo(StatusReason.Reconciliation));
        Assert.That(answers.Select(u => u.Source), Is.All.EqualTo(StatusSource.Master));
    }

    [Test]
    public void AnAgentBackFromAPartition_UnderANewId_IsFoundByItsName_AsMesosKeepsItsSlaveId()
    {
        TaskOnA1(aware: true);
        _master.MarkAgentUnreachable(A1);
        var back = new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        _loop.RunDueNow();
        Assert.That(back, Is.Not.EqualTo(A1));
        Assert.That(Answers(Named("t1", A1)).Single().State, Is.EqualTo(TaskState.Gone), "registered, task unknown");
    }

    [Test]
    public void WhileAgentsAreRecovering_TasksOnThem_AndTasksNamedWithoutAgent_AreNotAnswered()
    {
        TaskOnA1(aware: true);
        _master.MarkAgentUnreachable(A2);
        _master.FailOver();
        _loop.RunDueNow();
        var answers = Answers(Named("t1", A1), Named("t9", A1), Named("t1"), Named("t9"), Named("t8", A2));
        Assert.That(answers.Select(u => (u.Task.Value, u.State)), Is.EqualTo(new[] { ("t8", TaskState.Unreachable) }),
            "only the task on the unreachable agent is answered");
        Assert.That(Answers(), Is.Empty, "implicit: t1 is not known until a1 re-registers");

        Assert.That(_master.ReadmitAgent(A1), Is.True);
        Assert.That(Answers(Named("t1"), Named("t9", A1), Named("t9")).Select(u => u.State),
            Is.EqualTo(new[] { TaskState.Running, TaskState.Gone, TaskState.Unknown }));
        Assert.That(Answers().Select(u => (u.Task.Value, u.State)), Is.EqualTo(new[] { ("t1", TaskState.Running) }));
    }

    [Test]
    public void ImplicitReconciliation_ReportsTheKnownTasks_NotTheUnreachableOnes()
    {
        TaskOnA1(aware: true);
        Assert.That(Answers().Select(u => (u.Task.Value, u.State)), Is.EqualTo(new[] { ("t1", TaskState.Running) }));
        _master.MarkAgentUnreachable(A1);
        _loop.RunDueNow();
        Assert.That(Answers(), Is.Empty);
    }

    [Test]
    public void TheTaskIdOnlyOverload_NamesNoAgent()
    {
        TaskOnA1(aware: true);
        _master.RemoveAgent(A1);
        _loop.RunDueNow();
        int before = _link.Updates.Count;
        _master.Reconcile(_framework, [new TaskId("t1")]);
        _loop.RunDueNow();
        Assert.That(_link.Updates.Skip(before).Single().State, Is.EqualTo(TaskState.Unknown));
    }

    [Test]
    public void TheInProcessDriver_PassesTheAgentsOn()
    {
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var driver = new InProcessSchedulerDriver(_master);
        _link = new RecordingScheduler();
        driver.Subscribe(new FrameworkInfo("fw", "fw") { Capabilities = new SortedSet<string>([Master.PartitionAware], StringComparer.Ordinal) }, _link);
        _loop.RunDueNow();
        driver.Reconcile([Named("t9", A1), Named("t9")]);
        _loop.RunDueNow();
        Assert.That(_link.Updates.Select(u => u.State), Is.EqualTo(new[] { TaskState.Gone, TaskState.Unknown }));
    }

    [Test]
    public void Unknown_IsNamedAsMesosNamesIt_AndExistingStatesKeepTheirValues()
    {
        Assert.That(TaskState.Unknown.Name(), Is.EqualTo("UNKNOWN"));
        Assert.That((int)TaskState.GoneByOperator, Is.EqualTo(8));
    }
}
