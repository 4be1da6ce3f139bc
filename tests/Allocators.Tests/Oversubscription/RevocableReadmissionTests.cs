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
/// A new leader takes back an agent that re-registers with a revocable task (Mesos's reregisterSlave: the tasks
/// come with their resources, revocable ones marked by their RevocableInfo; the allocator's addSlave takes them
/// as used). The task must stay revocable: outside the regular allocator and every share, in the revocable
/// books, and evictable by the QoS controller.
/// </summary>
public class RevocableReadmissionTests
{
    private sealed class Framework : ISchedulerLink
    {
        public List<Offer> Offers { get; } = [];
        public void ResourceOffers(IReadOnlyList<Offer> offers) => Offers.AddRange(offers);
        public void OfferRescinded(OfferId offer) { }
        public void StatusUpdate(StatusUpdate update) { }
    }

    private sealed class Agent : IAgentLink
    {
        public void Launch(FrameworkId framework, TaskSpec task) { }
        public void Kill(FrameworkId framework, TaskId task) { }
    }

    private static TaskSpec Task(string id, string resources) => new(new TaskId(id), R.Parse(resources), Duration.Forever);

    [TestCase(true)]
    [TestCase(false)]
    public void ARevocableTaskReadmittedByANewLeader_StaysRevocable_AndIsStillEvicted(bool saysRevocable)
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var allocator = new RevocableAllocator(new HierarchicalAllocator(loop, options, PolicyObjects.Drf(), 1), loop);
        var master = new Master(loop, allocator, options);
        var usage = new Dictionary<string, double> { ["p1"] = 0.25, ["b1"] = 1.0, ["p2"] = 1.0 };
        var ledger = new UsageLedger((_, task) => usage[task.Id.Value]);
        master.AddListener(ledger);
        var evicted = new List<TaskId>();
        var qos = new QosController(loop, ledger, new OversubscriptionSettings()) { Evict = (_, _, task) => evicted.Add(task) };
        master.Start();
        qos.Start();

        var prodLink = new Framework();
        var prod = new FrameworkId(0);
        var be = new FrameworkId(1);
        master.ReadmitFramework(prod, new FrameworkInfo("prod", "prod"), prodLink);
        master.ReadmitFramework(be, new FrameworkInfo("be", "besteffort")
        {
            Capabilities = new SortedSet<string>([RevocableResources.Capability], StringComparer.Ordinal),
        }, new Framework());
        var b1 = new ReadmittedTask(be, Task("b1", "cpus:3;mem:3072"), TaskState.Running)
        {
            Role = saysRevocable ? RevocableResources.Role : null,
        };
        var (agent, refused, _) = master.ReadmitAgent(AgentInfo.Of("a1", "cpus:4;mem:4096"), new Agent(),
            [new ReadmittedTask(prod, Task("p1", "cpus:2;mem:2048"), TaskState.Running), b1], []);
        if (!saysRevocable)
        {
            // What a new leader did before roles came with readmitted tasks: b1 is taken as a regular task of
            // be, which does not fit beside p1 (2 + 3 cpus of 4), so it is refused (and killed by the caller).
            Assert.That(refused.Select(r => r.Task.Id), Is.EqualTo(new[] { new TaskId("b1") }));
            Assert.That(allocator.RevocableAllocation(be), Is.EqualTo(R.Empty));
            return;
        }
        Assert.That(refused, Is.Empty);
        Assert.That(allocator.Allocation(be), Is.EqualTo(R.Empty), "b1 holds nothing regular");
        Assert.That(allocator.FrameworkShare(be), Is.Zero);
        Assert.That(allocator.RevocableAllocation(be), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(allocator.RevocableAllocatedOn(agent), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(ledger.Of(agent).RevocableAllocated, Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(ledger.Totals.RegularAllocated, Is.EqualTo(R.Parse("cpus:2;mem:2048")));

        // The agent's 2 regular cpus left are offered to prod, which launches p2 using all it holds:
        // 0.5 + 2 + 3 = 5.5 cpus of 4, so the QoS controller evicts the readmitted revocable task.
        master.ActivateFramework(prod);
        loop.RunUntil(Time.FromSeconds(0.5));
        var offer = prodLink.Offers.Single(o => !RevocableResources.IsRevocable(o));
        Assert.That(offer.Resources, Is.EqualTo(R.Parse("cpus:2;mem:2048")), "b1 does not take regular resources");
        master.Accept(prod, [offer.Id], [Task("p2", "cpus:2;mem:2048")], OfferFilter.None);
        loop.RunUntil(Time.FromSeconds(1));
        Assert.That(evicted, Is.EqualTo(new[] { new TaskId("b1") }));
    }
}
