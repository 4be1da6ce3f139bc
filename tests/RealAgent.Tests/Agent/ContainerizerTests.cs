using System.Collections.Concurrent;
using System.Threading.Channels;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>
/// The agent's container logic against <see cref="FakeContainerRuntime"/>: launches, kills, how exits are
/// classified whichever way the runtime tells of them, restarts, orphans, and removal after acknowledgement.
/// Each test awaits the report it expects, or settles the loop before asserting that nothing happened.
/// </summary>
public class ContainerizerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private FakeContainerRuntime _runtime = null!;
    private Channel<TaskStatusReport> _reports = null!;
    private ConcurrentQueue<string> _log = null!;
    private Containerizer _agent = null!;
    private CancellationTokenSource _stop = null!;
    private Task _loop = null!;

    [SetUp]
    public void CreateRuntime()
    {
        _runtime = new FakeContainerRuntime();
        _reports = Channel.CreateUnbounded<TaskStatusReport>();
        _log = new ConcurrentQueue<string>();
        _stop = new CancellationTokenSource();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop != null) await _loop.WaitAsync(Bound);
        _stop.Dispose();
    }

    /// <summary>Starts the agent "a1"; the death-event grace is long unless a test needs it to run out.</summary>
    private async Task StartAsync(TimeSpan? deathEventGrace = null)
    {
        var options = new AgentOptions("a1", "http://127.0.0.1:1", "http://127.0.0.1:0", new BearerToken("t"))
        {
            DeathEventGrace = deathEventGrace ?? TimeSpan.FromMinutes(10),
            EventStreamRetry = TimeSpan.Zero,
            Log = _log.Enqueue,
        };
        _agent = new Containerizer(options, _runtime, report => _reports.Writer.TryWrite(report));
        _loop = _agent.RunAsync(_stop.Token);
        await SettleAsync();
    }

    private Task SettleAsync() => _agent.SettleAsync(CancellationToken.None).WaitAsync(Bound);

    private async Task<TaskStatusReport> NextReportAsync() => await _reports.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    private static TaskLaunch Launch(string taskId = "etl-0/0", string image = "clustersim/busybox:local", double mem = 64) =>
        new(1, "etl", taskId, 0.5, mem, 30, image, null);

    /// <summary>Launches a task and returns its container once RUNNING has been reported.</summary>
    private async Task<string> RunningAsync(string taskId = "etl-0/0")
    {
        _agent.Launch(Launch(taskId));
        var running = await NextReportAsync();
        Assert.That((running.TaskId, running.State), Is.EqualTo((taskId, "RUNNING")));
        return _runtime.Ids[^1];
    }

    private async Task AssertNoReportAsync()
    {
        await SettleAsync();
        Assert.That(_reports.Reader.TryRead(out var report), Is.False, () => $"unexpected report {report}");
    }

    private static Dictionary<string, string> Labels(string agent, string taskId, string framework = "etl") => new()
    {
        [ContainerLabels.Agent] = agent,
        [ContainerLabels.Framework] = framework,
        [ContainerLabels.FrameworkId] = "1",
        [ContainerLabels.Task] = taskId,
    };

    [Test]
    public async Task Launch_ContainerStarts_ReportsRunningWithTheStartTime_AndRunsTheRecipe()
    {
        await StartAsync();

        _agent.Launch(Launch(mem: 128));
        var running = await NextReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That((running.FrameworkId, running.TaskId, running.State, running.Reason), Is.EqualTo((1, "etl-0/0", "RUNNING", (string?)null)));
            Assert.That(running.StartSeconds, Is.Not.Null.And.GreaterThanOrEqualTo(0));
            var spec = _runtime.Runs.Single();
            Assert.That(spec.Labels[ContainerLabels.Agent], Is.EqualTo("a1"));
            Assert.That(spec.MemoryBytes, Is.EqualTo(128L << 20));
        });
    }

    [Test]
    public async Task Exit_Zero_ReportsFinished_AndTheContainerIsRemovedOnlyOnceTheMasterAcknowledges()
    {
        await StartAsync();
        _agent.Launch(Launch());
        var running = await NextReportAsync();
        var id = _runtime.Ids.Single();

        _runtime.Exit(id, 0);
        var finished = await NextReportAsync();
        _agent.Acknowledged(running);
        await SettleAsync();
        bool keptUntilAcknowledged = _runtime.Exists(id);
        _agent.Acknowledged(finished);
        await SettleAsync();

        Assert.That((finished.State, finished.Reason), Is.EqualTo(("FINISHED", (string?)null)));
        Assert.That(keptUntilAcknowledged, Is.True, "AutoRemove would lose the exit code; the master may not have it yet");
        Assert.That(_runtime.Exists(id), Is.False);
        var (tasks, unacknowledged) = await _agent.StateAsync(CancellationToken.None);
        Assert.That((tasks.Count, unacknowledged), Is.EqualTo((0, 0)), "the task is forgotten with its container");
    }

    [Test]
    public async Task Fence_KillsTheTasksOfFrameworksThatAreNotPartitionAware_WithTheirKilledReports_AndKeepsTheOthers()
    {
        await StartAsync();
        var plain = await RunningAsync("plain-0");
        _agent.Launch(Launch("aware-0") with { PartitionAware = true });
        Assert.That((await NextReportAsync()).State, Is.EqualTo("RUNNING"));
        var aware = _runtime.Ids[^1];

        _agent.Fence();
        await SettleAsync();

        Assert.That(_runtime.Kills, Is.EqualTo(new[] { plain }), "only the task the master reports LOST");
        Assert.That(_runtime.Runs[^1].Labels[ContainerLabels.PartitionAware], Is.EqualTo("true"));
        _runtime.Exit(plain, 137);
        var killed = await NextReportAsync();
        Assert.That((killed.TaskId, killed.State), Is.EqualTo(("plain-0", "KILLED")));
        Assert.That(_runtime.Exists(aware), Is.True);
    }

    [Test]
    public async Task TheTasksToReregisterWith_CarryWhatEachAskedFor()
    {
        await StartAsync();
        await RunningAsync("etl-0/0");

        var tasks = await _agent.TasksToReregisterAsync(CancellationToken.None);

        Assert.That(tasks, Is.EqualTo(new[] { new RunningTask(1, "etl-0/0", 0.5, 64, "RUNNING") }));
    }

    [Test]
    public async Task Preempt_ARevocableTask_DestroysItsContainer_AndReportsTheEvictedStateWithThePreemptedReason()
    {
        await StartAsync();
        _agent.Launch(Launch("spare-0") with { Revocable = true });
        Assert.That((await NextReportAsync()).State, Is.EqualTo("RUNNING"));
        var id = _runtime.Ids.Single();

        _agent.Preempt(1, "spare-0", "LOST");
        var evicted = await NextReportAsync();
        _agent.Preempt(1, "spare-0", "LOST");

        Assert.Multiple(() =>
        {
            Assert.That((evicted.TaskId, evicted.State, evicted.Reason, evicted.Code, evicted.Source),
                Is.EqualTo(("spare-0", "LOST", (string?)"Container preempted by QoS correction", (string?)"REASON_CONTAINER_PREEMPTED", (string?)"SOURCE_AGENT")));
            Assert.That(_runtime.Kills, Is.EqualTo(new[] { id }));
            Assert.That(_runtime.Runs.Single().Labels[ContainerLabels.Revocable], Is.EqualTo("true"));
        });
        await AssertNoReportAsync();
    }

    [Test]
    public async Task Restart_KeepsTheRevocableMarkAndLaunchOrder_FromTheContainersLabels()
    {
        var labels = Labels("a1", "spare-1");
        labels[ContainerLabels.Cpus] = "1";
        labels[ContainerLabels.Mem] = "128";
        labels[ContainerLabels.Revocable] = "true";
        labels[ContainerLabels.LaunchedAt] = "2000";
        var older = Labels("a1", "spare-0");
        older[ContainerLabels.Cpus] = "1";
        older[ContainerLabels.Mem] = "128";
        older[ContainerLabels.LaunchedAt] = "1000";
        _runtime.Add(labels, ContainerPhase.Running);
        _runtime.Add(older, ContainerPhase.Running);

        await StartAsync();
        var tasks = await _agent.TasksToReregisterAsync(CancellationToken.None);
        var running = await _agent.RunningAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(tasks.Select(t => (t.TaskId, t.Revocable)), Is.EquivalentTo(new[] { ("spare-1", true), ("spare-0", false) }));
            Assert.That(running.Select(t => (t.TaskId, t.Revocable)), Is.EqualTo(new[] { ("spare-0", false), ("spare-1", true) }),
                "in launch order, as the QoS controller evicts newest first");
        });
    }

    [Test]
    public async Task Exit_NonZero_ReportsFailedWithTheCode()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.Exit(id, 3);

        Assert.That((await NextReportAsync()).Reason, Is.EqualTo("the command exited with code 3"));
    }

    [Test]
    public async Task Launch_Resent_RunsOneContainer()
    {
        await StartAsync();
        await RunningAsync();

        _agent.Launch(Launch());
        await AssertNoReportAsync();

        Assert.That(_runtime.Runs, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Launch_ImageMissing_ReportsFailedNamingTheImage_WithoutRunningFirst()
    {
        await StartAsync();
        _runtime.MissingImages.Add("nope:1");

        _agent.Launch(Launch(image: "nope:1"));
        var failed = await NextReportAsync();

        Assert.That(failed.State, Is.EqualTo("FAILED"));
        Assert.That(failed.Reason, Does.StartWith("agent a1 could not run image nope:1").And.Contain("No such image"));
    }

    [Test]
    public async Task Kill_RunningTask_KillsItsContainer_AndReportsKilled()
    {
        await StartAsync();
        var id = await RunningAsync();

        _agent.Kill(new TaskKill(1, "etl-0/0"));
        var killed = await NextReportAsync();

        Assert.That((killed.State, killed.Reason), Is.EqualTo(("KILLED", (string?)"killed on request")));
        Assert.That(_runtime.Kills, Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task Kill_BeforeTheLaunch_TheLaunchReportsKilledAndRunsNothing()
    {
        await StartAsync();

        _agent.Kill(new TaskKill(1, "etl-0/0"));
        _agent.Launch(Launch());
        var killed = await NextReportAsync();

        Assert.That((killed.State, killed.Reason), Is.EqualTo(("KILLED", (string?)"killed on request before it started")));
        Assert.That(_runtime.Runs, Is.Empty);
    }

    [Test]
    public async Task Kill_WhileTheContainerStarts_ReportsKilledWithoutEverReportingRunning()
    {
        await StartAsync();
        _runtime.HoldRuns();
        _agent.Launch(Launch());
        await _runtime.RunReached.WaitAsync(Bound);

        _agent.Kill(new TaskKill(1, "etl-0/0"));
        _runtime.ReleaseRuns();
        var report = await NextReportAsync();

        Assert.That(report.State, Is.EqualTo("KILLED"));
        Assert.That(_runtime.Kills, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Exit_OomKilledFlag_ReportsOomKilledWithTheLimit()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.End(id, 137, oomKilled: true);

        Assert.That((await NextReportAsync()).Reason, Is.EqualTo("OOM-killed: the container exceeded its memory limit of 64 MB (exit 137)"));
    }

    [Test]
    public async Task Exit_WaitAnswersBeforeTheOomEvent_WaitsForTheDeathEvent_ThenReportsOom()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.End(id, 137);
        await AssertNoReportAsync();
        _runtime.Publish(new ContainerEvent(id, ContainerEventKind.OutOfMemory));
        _runtime.Publish(new ContainerEvent(id, ContainerEventKind.Died));

        Assert.That((await NextReportAsync()).Reason, Does.StartWith("OOM-killed: the container exceeded"), "not a presumed OOM: the event said so");
    }

    [Test]
    public async Task Exit_WaitAnswersBeforeTheKillEvent_ReportsKilledOutsideTheAgent()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.End(id, 137);
        await AssertNoReportAsync();
        _runtime.Publish(new ContainerEvent(id, ContainerEventKind.Killed, "9"));
        _runtime.Publish(new ContainerEvent(id, ContainerEventKind.Died));
        var failed = await NextReportAsync();

        Assert.That((failed.State, failed.Reason), Is.EqualTo(("FAILED", (string?)"the container was killed outside the agent (signal 9, exit 137)")));
    }

    [Test]
    public async Task Exit_SigKillThatNoEventExplains_IsPresumedOom_OnceTheDeathEventCame()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.Exit(id, 137);

        Assert.That((await NextReportAsync()).Reason, Does.StartWith("OOM-killed (presumed: exit 137 under a memory limit of 64 MB"));
    }

    [Test]
    public async Task Exit_SigKillWhileTheEventStreamIsSilent_IsPresumedOomAfterTheGrace()
    {
        await StartAsync(deathEventGrace: TimeSpan.Zero);
        var id = await RunningAsync();

        _runtime.End(id, 137);

        Assert.That((await NextReportAsync()).Reason, Does.StartWith("OOM-killed (presumed"));
    }

    [Test]
    public async Task Exit_ContainerRemovedOutsideTheAgent_ReportsLost()
    {
        await StartAsync();
        var id = await RunningAsync();

        _runtime.RemoveOutside(id);
        var lost = await NextReportAsync();

        Assert.That((lost.State, lost.Reason), Is.EqualTo(("LOST", (string?)"the container disappeared (removed outside the agent)")));
    }

    [Test]
    public async Task Exit_MissedByWaitAndStream_IsFoundByTheReconciliationAfterTheStreamReconnects()
    {
        _runtime.WaitsFail = true;
        await StartAsync();
        var id = await RunningAsync();
        _runtime.End(id, 0);
        await AssertNoReportAsync();

        _runtime.BreakEventStreams();
        var finished = await NextReportAsync();

        Assert.That(finished.State, Is.EqualTo("FINISHED"));
        Assert.That(_log, Has.Some.Contains("the container event stream broke"));
    }

    [Test]
    public async Task Reconcile_WhileAContainerIsBeingStarted_LeavesItToItsLaunch()
    {
        await StartAsync();
        _runtime.HoldRuns();
        _agent.Launch(Launch());
        await _runtime.RunReached.WaitAsync(Bound);

        // The broken stream makes the agent list its containers, the created one among them; two reads of
        // the state let the loop handle the listing and then its inspections before the run answers.
        _runtime.BreakEventStreams();
        await _agent.StateAsync(CancellationToken.None);
        await _agent.StateAsync(CancellationToken.None);
        _runtime.ReleaseRuns();
        var running = await NextReportAsync();
        _runtime.Exit(_runtime.Ids.Single(), 0);
        var finished = await NextReportAsync();
        await AssertNoReportAsync();

        Assert.That((running.State, finished.State), Is.EqualTo(("RUNNING", "FINISHED")));
        Assert.That(running.StartSeconds, Is.Not.Null, "reported by its launch, not taken back as another agent's leftover");
        Assert.That(_log, Has.None.Contains("reattached"));
    }

    [Test]
    public async Task Restart_TakesBackItsOwnContainers_AndReportsWhatEndedMeanwhile()
    {
        var running = _runtime.Add(Labels("a1", "long-0/0", "long"), ContainerPhase.Running, memoryBytes: 32L << 20);
        _runtime.Add(Labels("a1", "short-0/0", "short"), ContainerPhase.Exited, exitCode: 0);
        _runtime.Add(Labels("a1", "never-0/0", "never"), ContainerPhase.Created);
        _runtime.Add(Labels("a2", "other-0/0"), ContainerPhase.Exited, exitCode: 0);

        await StartAsync();
        var reports = new List<TaskStatusReport>();
        while (_reports.Reader.TryRead(out var r)) reports.Add(r);
        _runtime.End(running, 137, oomKilled: true);
        var oom = await NextReportAsync();

        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => (r.TaskId, r.State, r.StartSeconds)), Is.EquivalentTo(new[]
            {
                ("long-0/0", "RUNNING", (double?)null),
                ("short-0/0", "FINISHED", null),
                ("never-0/0", "FAILED", null),
            }), "no report for the other agent's container");
            Assert.That(reports.Single(r => r.TaskId == "never-0/0").Reason, Is.EqualTo("the agent restarted before the container started"));
            Assert.That(_log, Has.Some.EqualTo("agent a1: reattached to the container of task long-0/0 (running)"));
            Assert.That(_log, Has.Some.EqualTo("agent a1: reattached to the container of task short-0/0 (exited)"));
            Assert.That((oom.TaskId, oom.Reason), Is.EqualTo(("long-0/0", (string?)"OOM-killed: the container exceeded its memory limit of 32 MB (exit 137)")),
                "the reattached container is followed, with the limit it was created with");
        });
    }

    [Test]
    public async Task KillOrphans_KillsAndRemovesTheirContainers_WithoutReports()
    {
        await StartAsync();
        var id = await RunningAsync();

        _agent.KillOrphans();
        await AssertNoReportAsync();

        Assert.That(_runtime.Kills, Is.EqualTo(new[] { id }));
        Assert.That(_runtime.Exists(id), Is.False);
        Assert.That(_log, Has.Some.EqualTo("agent a1: killing task etl-0/0, which the master no longer knows"));
        Assert.That(_log, Has.Some.EqualTo("task etl-0/0 of etl: KILLED (killed on request), an orphan: not reported"));
    }

    [Test]
    public async Task State_ShowsEachTaskAndTheUnacknowledgedReports()
    {
        await StartAsync();
        var id = await RunningAsync();

        var before = await _agent.StateAsync(CancellationToken.None);
        _runtime.Exit(id, 0);
        var finished = await NextReportAsync();
        var after = await _agent.StateAsync(CancellationToken.None);

        Assert.That(before.Tasks, Is.EqualTo(new[] { new AgentTaskView(1, "etl", "etl-0/0", id, null) }));
        Assert.That(before.Unacknowledged, Is.EqualTo(1));
        Assert.That(after.Tasks, Is.EqualTo(new[] { new AgentTaskView(1, "etl", "etl-0/0", id, "FINISHED") }));
        Assert.That(after.Unacknowledged, Is.EqualTo(2));
        Assert.That(finished.State, Is.EqualTo("FINISHED"));
    }
}
