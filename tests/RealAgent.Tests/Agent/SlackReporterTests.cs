using ClusterSim.Core.Oversubscription;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>The agent's live estimator and QoS tick: a container's CPU rate comes from the CPU time it used
/// between two ticks, its memory from its usage now; a container seen once has no measurement yet; a total is
/// reported only when it changed; an overloaded agent evicts revocable tasks on the same tick.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class SlackReporterTests
{
    private readonly FakeContainerRuntime _runtime = new();
    private readonly List<RunningContainer> _running = [];
    private readonly List<R> _reports = [];
    private readonly List<(string Task, string State)> _evicted = [];
    private double _now = 100;

    private SlackReporter Reporter(AgentQosController? qos = null) => new(_runtime,
        _ => Task.FromResult<IReadOnlyList<RunningContainer>>(_running.ToArray()),
        (total, _) =>
        {
            _reports.Add(total);
            return Task.FromResult(true);
        }, 1.0, () => _now)
    {
        Qos = qos,
        Evict = (task, state) => _evicted.Add((task.TaskId, state)),
    };

    private async Task<string> RunAsync(string task, double cpus, bool revocable = false, bool partitionAware = false)
    {
        var id = await _runtime.RunAsync(new ContainerSpec(task, "clustersim/busybox:local"), CancellationToken.None);
        _running.Add(new RunningContainer(1, task, id, cpus, 512, revocable, partitionAware));
        return id;
    }

    /// <summary>Sets each container's CPU time and memory for the next tick.</summary>
    private void Use(string id, double cpuSeconds, long mb = 128) => _runtime.SetUsage(id, new ContainerUsage(cpuSeconds, mb * 1024 * 1024));

    [Test]
    public async Task TheSlack_IsAllocatedLessTheMeasuredRate_AndIsReportedWhenItChanges()
    {
        var id = await RunAsync("task-0", 2.0);
        var reporter = Reporter();

        Use(id, 50);
        Assert.That(await reporter.TickAsync(CancellationToken.None), Is.EqualTo(R.Empty), "no CPU rate from one sample: lends nothing yet");

        _now = 110;
        Use(id, 55); // 0.5 cpus over 10 s
        Assert.That(await reporter.TickAsync(CancellationToken.None), Is.EqualTo(R.Parse("cpus:1.5;mem:384")));

        _now = 120;
        Use(id, 60);
        await reporter.TickAsync(CancellationToken.None);
        Assert.That(_reports, Is.EqualTo(new[] { R.Empty, R.Parse("cpus:1.5;mem:384") }), "an unchanged total is not reported again");
    }

    [Test]
    public async Task AnOverloadedAgent_EvictsItsRevocableTasks_OnTheEstimatorsTick_AsLostOrGone()
    {
        // cpus:4 of capacity: a regular task of 3 cpus idles, so 3 are lent; two revocable tasks of 1.5 each take them.
        var regular = await RunAsync("regular", 3);
        var first = await RunAsync("rev-first", 1.5, revocable: true);
        var second = await RunAsync("rev-second", 1.5, revocable: true, partitionAware: true);
        var reporter = Reporter(new AgentQosController(R.Parse("cpus:4;mem:8192"), 1.0, EvictionRule.All));
        Use(regular, 0);
        Use(first, 0);
        Use(second, 0);
        await reporter.TickAsync(CancellationToken.None);
        _now = 110;
        Use(regular, 5); // 0.5 cpus
        Use(first, 15); // 1.5
        Use(second, 15); // 1.5: 3.5 of 4 used
        await reporter.TickAsync(CancellationToken.None);
        Assert.That(_evicted, Is.Empty, "usage within capacity");

        _now = 120;
        Use(regular, 30); // the regular task wakes up: 2.5 cpus, so 5.5 of 4 are used
        Use(first, 30);
        Use(second, 30);
        var total = await reporter.TickAsync(CancellationToken.None);

        Assert.That(_evicted, Is.EqualTo(new[] { ("rev-second", "GONE"), ("rev-first", "LOST") }),
            "every revocable task, newest first, as Mesos's load controller does; TASK_GONE to a partition-aware framework");
        Assert.That(total, Is.EqualTo(R.Parse("cpus:3;mem:1024")), "the evicted tasks hold their resources until they end");
    }

    [Test]
    public async Task EvictNewest_StopsOnceTheRestFits()
    {
        var regular = await RunAsync("regular", 2);
        var older = await RunAsync("older", 1, revocable: true);
        var newer = await RunAsync("newer", 1, revocable: true);
        var reporter = Reporter(new AgentQosController(R.Parse("cpus:3;mem:8192"), 1.0, EvictionRule.NewestFirst));
        foreach (var id in new[] { regular, older, newer }) Use(id, 0);
        await reporter.TickAsync(CancellationToken.None);
        _now = 110;
        Use(regular, 20); // 2 + 1 + 1 = 4 cpus of 3
        Use(older, 10);
        Use(newer, 10);
        await reporter.TickAsync(CancellationToken.None);

        Assert.That(_evicted, Is.EqualTo(new[] { ("newer", "LOST") }));
    }

    [Test]
    public async Task ATaskNotMeasuredYet_CountsAsUsingNothing_SoALaunchAloneEvictsNothing()
    {
        // Allocations exceed the capacity (oversubscription's point), but nothing has been measured yet.
        await RunAsync("regular", 3);
        await RunAsync("revocable", 3, revocable: true);
        var reporter = Reporter(new AgentQosController(R.Parse("cpus:4;mem:8192"), 1.0, EvictionRule.All));

        await reporter.TickAsync(CancellationToken.None);

        Assert.That(_evicted, Is.Empty);
    }

    [Test]
    public async Task TheThreshold_IsAShareOfTheAgentsCapacity()
    {
        var regular = await RunAsync("regular", 2);
        var revocable = await RunAsync("revocable", 1, revocable: true);
        var reporter = Reporter(new AgentQosController(R.Parse("cpus:4;mem:8192"), 0.5, EvictionRule.All));
        Use(regular, 0);
        Use(revocable, 0);
        await reporter.TickAsync(CancellationToken.None);
        _now = 110;
        Use(regular, 15); // 1.5 + 1 = 2.5 cpus, over 0.5 x 4
        Use(revocable, 10);
        await reporter.TickAsync(CancellationToken.None);

        Assert.That(_evicted, Is.EqualTo(new[] { ("revocable", "LOST") }));
    }

    [Test]
    public async Task AfterTheAgentRegistersAgain_AnUnchangedTotal_IsReportedOnTheNextTick()
    {
        var id = await RunAsync("task-0", 2.0);
        var reporter = Reporter();
        Use(id, 50);
        await reporter.TickAsync(CancellationToken.None);
        _now = 110;
        Use(id, 55);
        await reporter.TickAsync(CancellationToken.None);
        _now = 120;
        Use(id, 60);
        await reporter.TickAsync(CancellationToken.None);
        Assert.That(_reports, Has.Count.EqualTo(2), "unchanged: not reported");

        reporter.Forget(); // the agent re-registered: the master may not know its estimate
        _now = 130;
        Use(id, 65);
        await reporter.TickAsync(CancellationToken.None);
        _now = 140;
        Use(id, 70);
        await reporter.TickAsync(CancellationToken.None);
        Assert.That(_reports, Is.EqualTo(new[] { R.Empty, R.Parse("cpus:1.5;mem:384"), R.Parse("cpus:1.5;mem:384") }),
            "re-sent once after registering (Mesos's forwardOversubscribed), then only on change again");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task WithQosEvictNone_AnOverloadedAgent_EvictsNothing_ButStillReportsItsSlack(bool evictNone)
    {
        var regular = await RunAsync("regular", 3);
        var revocable = await RunAsync("rev", 1.5, revocable: true);
        var options = new AgentOptions("a1", "http://127.0.0.1:9", "http://127.0.0.1:0", new ClusterSim.RealAgent.Security.BearerToken("slack-test-token"))
        {
            Eviction = evictNone ? null : EvictionRule.All,
        };
        var reporter = Reporter(AgentQosController.For(options, R.Parse("cpus:4;mem:8192")));
        Use(regular, 0);
        Use(revocable, 0);
        await reporter.TickAsync(CancellationToken.None);
        _now = 110;
        Use(regular, 5); // 0.5 cpus
        Use(revocable, 40); // 4 cpus: 4.5 of 4 used
        await reporter.TickAsync(CancellationToken.None);

        Assert.That(_evicted.Select(e => e.Task), evictNone ? Is.Empty : Is.EqualTo(new[] { "rev" }));
        Assert.That(_reports, Is.Not.Empty, "the slack is estimated and reported either way");
    }
}
