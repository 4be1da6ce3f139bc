using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Oversubscription;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Oversubscription;

/// <summary>
/// Revocable resources on one 4-cpu agent, checked by hand: a production framework's tasks use a quarter of
/// what they hold; the slack is offered, as revocable, only to the framework with the revocable capability;
/// when a regular task that uses all it holds arrives, the QoS controller evicts the revocable task.
/// </summary>
public class RevocableResourcesTests
{
    private sealed class Framework : ISchedulerLink
    {
        public List<Offer> Offers { get; } = [];
        public List<StatusUpdate> Updates { get; } = [];
        public void ResourceOffers(IReadOnlyList<Offer> offers) => Offers.AddRange(offers);
        public void OfferRescinded(OfferId offer) { }
        public void StatusUpdate(StatusUpdate update) => Updates.Add(update);
    }

    private SimLoop _loop = null!;
    private RevocableAllocator _allocator = null!;
    private Master _master = null!;
    private UsageLedger _ledger = null!;
    private SimulatedAgent _agent = null!;
    private readonly Dictionary<string, double> _usage = new() { ["p1"] = 0.25, ["p2"] = 0.25, ["p3"] = 1.0, ["b1"] = 1.0 };

    /// <summary>Faults that never happen: the agent still sends its updates through its outbox.</summary>
    private sealed class NoFaults : IAgentFaults
    {
        public Duration? FailureAfter(FrameworkId framework, TaskSpec task) => null;
        public Duration Delay() => Duration.Zero;
        public bool StatusUpdateLost() => false;
        public Duration Resend => Duration.FromSeconds(10);
    }

    private void Start(OversubscriptionSettings settings, bool outbox = false)
    {
        _loop = new SimLoop();
        var options = new AllocationOptions();
        _allocator = new RevocableAllocator(new HierarchicalAllocator(_loop, options, PolicyObjects.Drf(), 1), _loop);
        _master = new Master(_loop, _allocator, options);
        _ledger = new UsageLedger((_, task) => _usage[task.Id.Value]);
        _master.AddListener(_ledger);
        var estimator = new SlackEstimator(_loop, _master, _allocator, _ledger, settings);
        var qos = new QosController(_loop, _ledger, settings)
        {
            Evict = (_, framework, task) => _agent.Preempt(framework, task, TaskState.Lost),
        };
        _master.Start();
        estimator.Start();
        qos.Start();
        _agent = new SimulatedAgent(_loop, _master) { Faults = outbox ? new NoFaults() : null };
        _agent.Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
    }

    private static readonly OversubscriptionSettings Settings = new() { EstimatorInterval = Duration.FromSeconds(10) };

    private static TaskSpec Task(string id, string resources, double seconds) =>
        new(new TaskId(id), R.Parse(resources), seconds < 0 ? Duration.Forever : Duration.FromSeconds(seconds));

    private (FrameworkId, Framework) Subscribe(string name, string role, params string[] capabilities)
    {
        var link = new Framework();
        var info = new FrameworkInfo(name, role) { Capabilities = new SortedSet<string>(capabilities, StringComparer.Ordinal) };
        return (_master.AddFramework(info, link), link);
    }

    /// <summary>prod takes the whole agent with two 2-cpu tasks each using a quarter: 1 cpu and 1024 MB used,
    /// 3 cpus and 3072 MB slack.</summary>
    private (FrameworkId, Framework) ProdHoldingTheAgent()
    {
        var (prod, prodLink) = Subscribe("prod", "prod");
        _loop.RunUntil(Time.FromSeconds(0.5));
        var offer = prodLink.Offers.Single();
        _master.Accept(prod, [offer.Id], [Task("p1", "cpus:2;mem:2048", -1), Task("p2", "cpus:2;mem:2048", 30)], OfferFilter.None);
        return (prod, prodLink);
    }

    // The eviction's reason code travels with the update on both of the agent's ways to the master: at once, and
    // through its outbox (a run with faults).
    [TestCase(false)]
    [TestCase(true)]
    public void Slack_IsOfferedAsRevocable_ToTheOptedInFrameworkOnly_AndEvictedWhenRegularUsageRises(bool outbox)
    {
        Start(Settings, outbox);
        var (prod, prodLink) = ProdHoldingTheAgent();
        var (be, beLink) = Subscribe("be", "besteffort", RevocableResources.Capability);
        _loop.RunUntil(Time.FromSeconds(9.5));
        Assert.That(beLink.Offers, Is.Empty, "nothing regular is free and no slack was reported yet");

        // The estimator's first tick (10s) reports the slack; the next run offers it, whole, to be.
        _loop.RunUntil(Time.FromSeconds(11.5));
        Assert.That(_allocator.OversubscribedOn(new AgentId(0)), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        var revocable = beLink.Offers.Single();
        Assert.That(RevocableResources.IsRevocable(revocable), Is.True);
        Assert.That(revocable.Resources, Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        _master.Accept(be, [revocable.Id], [Task("b1", "cpus:3;mem:3072", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(29.5));
        // Used: 0.5 + 0.5 + 3 = 4 cpus of 4, not more: nothing is evicted.
        Assert.That(_ledger.Of(new AgentId(0)).Used, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        Assert.That(_ledger.Evictions, Is.Zero);

        // p2 ends at 30s: its 2 cpus return as regular resources. be is offered them first (it holds no regular
        // resources) and turns them down for an hour; prod then launches p3, which uses all it holds.
        _loop.RunUntil(Time.FromSeconds(31.5));
        var regular = beLink.Offers.Last();
        Assert.That(RevocableResources.IsRevocable(regular), Is.False);
        _master.Decline(be, regular.Id, new OfferFilter(Duration.FromHours(1)));
        _loop.RunUntil(Time.FromSeconds(32.5));
        var freed = prodLink.Offers.Last();
        Assert.That(freed.Resources, Is.EqualTo(R.Parse("cpus:2;mem:2048")));
        _master.Accept(prod, [freed.Id], [Task("p3", "cpus:2;mem:2048", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(32.9));

        // 0.5 + 2 + 3 = 5.5 cpus wanted of 4: b1 is evicted, TASK_LOST with Mesos's reason, at p3's launch.
        var lost = beLink.Updates.Single(u => u.Task == new TaskId("b1") && u.State.IsTerminal());
        Assert.That(lost.State, Is.EqualTo(TaskState.Lost));
        Assert.That((lost.Code, lost.Source, lost.Reason),
            Is.EqualTo((StatusReason.ContainerPreempted, StatusSource.Agent, (string?)RevocableResources.PreemptedMessage)));
        Assert.That(lost.At, Is.EqualTo(Time.FromSeconds(32.5)));
        Assert.That(_ledger.Evictions, Is.EqualTo(1));
        // b1 ran from its launch at 11.5s to 32.5s on 3 cpus: 63 cpu-seconds thrown away.
        Assert.That(_ledger.WorkLostCpuSeconds, Is.EqualTo(63.0));
        Assert.That(_allocator.RevocableAllocatedOn(new AgentId(0)), Is.EqualTo(R.Empty), "b1's revocable resources came back");

        // Until the next estimate (40s) the stale total is offered again (33s); the estimate then shrinks to the
        // slack left, 4 - (0.5 + 2) = 1.5 cpus, the stale offer is rescinded and the smaller one made by the run at the same instant.
        _loop.RunUntil(Time.FromSeconds(41.5));
        Assert.That(_allocator.OversubscribedOn(new AgentId(0)), Is.EqualTo(R.Parse("cpus:1.5;mem:1536")));
        var revocableOffers = beLink.Offers.Where(RevocableResources.IsRevocable).ToList();
        Assert.That(revocableOffers.Select(o => (o.MadeAt.Seconds, o.Resources.Cpus)),
            Is.EqualTo(new[] { (10.0, 3.0), (33.0, 3.0), (40.0, 1.5) }));
        Assert.That(_master.OutstandingOffers(be).Select(o => o.Id), Is.EqualTo(new[] { revocableOffers[^1].Id }));
        Assert.That(prodLink.Offers.Where(RevocableResources.IsRevocable), Is.Empty);
    }

    [Test]
    public void AFrameworkWithoutTheCapability_NeverReceivesRevocableResources()
    {
        Start(Settings);
        var (_, prodLink) = ProdHoldingTheAgent();
        var (_, otherLink) = Subscribe("other", "other");
        _loop.RunUntil(Time.FromSeconds(120));
        Assert.That(_allocator.OversubscribedOn(new AgentId(0)), Is.Not.EqualTo(R.Empty), "the slack was reported");
        Assert.That(prodLink.Offers.Concat(otherLink.Offers).Where(RevocableResources.IsRevocable), Is.Empty);
        Assert.That(_allocator.RevocableAllocatedOn(new AgentId(0)), Is.EqualTo(R.Empty));
    }

    [Test]
    public void NewestFirst_EvictsOnlyUntilUsageFits()
    {
        Start(Settings with { Eviction = EvictionRule.NewestFirst });
        _usage["b2"] = 1.0;
        var (prod, prodLink) = ProdHoldingTheAgent();
        var (be, beLink) = Subscribe("be", "besteffort", RevocableResources.Capability);
        _loop.RunUntil(Time.FromSeconds(11.5));
        var revocable = beLink.Offers.Single();
        _master.Accept(be, [revocable.Id], [Task("b1", "cpus:1;mem:1024", -1), Task("b2", "cpus:1;mem:1024", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(31.5));
        _master.Decline(be, beLink.Offers.Last().Id, new OfferFilter(Duration.FromHours(1)));
        _loop.RunUntil(Time.FromSeconds(32.5));
        _master.Accept(prod, [prodLink.Offers.Last().Id], [Task("p3", "cpus:2;mem:2048", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(33));
        // 0.5 + 2 + 1 + 1 = 4.5 cpus of 4: evicting b2 (the newest) is enough.
        Assert.That(beLink.Updates.Where(u => u.State.IsTerminal()).Select(u => u.Task.Value), Is.EqualTo(new[] { "b2" }));
    }

    /// <summary>A master failover while a revocable task runs: after the agent re-registers and the frameworks
    /// re-subscribe, the task's resources are still revocable in the master's and the allocator's books, and the
    /// QoS controller still evicts it when regular usage rises.</summary>
    [Test]
    public void RevocableTask_StaysRevocable_AcrossAMasterFailover()
    {
        Start(Settings);
        var (prod, prodLink) = ProdHoldingTheAgent();
        var (be, beLink) = Subscribe("be", "besteffort", RevocableResources.Capability);
        _loop.RunUntil(Time.FromSeconds(11.5));
        _master.Accept(be, [beLink.Offers.Single().Id], [Task("b1", "cpus:3;mem:3072", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(15));

        _master.FailOver();
        _agent.Disconnect();
        _loop.RunUntil(Time.FromSeconds(20));
        Assert.That(_master.ReadmitAgent(new AgentId(0)), Is.True);
        _agent.Reconnect();
        _master.ResubscribeFramework(prod);
        _master.ResubscribeFramework(be);
        _loop.RunUntil(Time.FromSeconds(21));

        Assert.That(_allocator.RevocableAllocation(be), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(_allocator.Allocation(be), Is.EqualTo(R.Empty), "b1 holds nothing regular");
        Assert.That(_ledger.Of(new AgentId(0)).RevocableAllocated, Is.EqualTo(R.Parse("cpus:3;mem:3072")));

        // p2 ends at 30s; be turns its regular 2 cpus down, prod launches p3 using all it holds: b1 is evicted.
        _loop.RunUntil(Time.FromSeconds(31.5));
        _master.Decline(be, beLink.Offers.Last(o => !RevocableResources.IsRevocable(o)).Id, new OfferFilter(Duration.FromHours(1)));
        _loop.RunUntil(Time.FromSeconds(32.5));
        _master.Accept(prod, [prodLink.Offers.Last().Id], [Task("p3", "cpus:2;mem:2048", -1)], OfferFilter.None);
        _loop.RunUntil(Time.FromSeconds(32.9));
        var lost = beLink.Updates.Single(u => u.Task == new TaskId("b1") && u.State.IsTerminal());
        Assert.That((lost.Code, lost.Source, lost.Reason),
            Is.EqualTo((StatusReason.ContainerPreempted, StatusSource.Agent, (string?)RevocableResources.PreemptedMessage)));
        Assert.That(_ledger.Evictions, Is.EqualTo(1));
        Assert.That(_allocator.RevocableAllocatedOn(new AgentId(0)), Is.EqualTo(R.Empty), "b1's revocable resources came back");
    }
}
