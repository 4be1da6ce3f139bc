using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

/// <summary>
/// A new leading master taking back what an earlier leader ran (Master.ReadmitFramework, ReadmitAgent with
/// the allocator's AddInUse): frameworks keep their ids, an agent's running tasks keep their resources
/// allocated, and only what is left is offered.
/// </summary>
public class ReadmissionTests
{
    private sealed class Framework : ISchedulerLink
    {
        public List<Offer> Offers { get; } = [];
        public List<StatusUpdate> Updates { get; } = [];
        public void ResourceOffers(IReadOnlyList<Offer> offers) => Offers.AddRange(offers);
        public void OfferRescinded(OfferId offer) { }
        public void StatusUpdate(StatusUpdate update) => Updates.Add(update);
    }

    private sealed class Agent : IAgentLink
    {
        public void Launch(FrameworkId framework, TaskSpec task) { }
        public void Kill(FrameworkId framework, TaskId task) { }
    }

    private SimLoop _loop = null!;
    private HierarchicalAllocator _allocator = null!;
    private Master _master = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _allocator = new HierarchicalAllocator(_loop, new AllocationOptions(), PolicyObjects.Drf(), 1);
        _master = new Master(_loop, _allocator, new AllocationOptions());
        _master.Start();
    }

    private static TaskSpec Task(string id, string resources) => new(new TaskId(id), R.Parse(resources), Duration.Forever);

    [Test]
    public void AReadmittedFramework_KeepsItsId_GetsNoOffersUntilActivated_AndLaterFrameworksFollowIt()
    {
        var framework = new Framework();
        _master.ReadmitFramework(new FrameworkId(3), new FrameworkInfo("web", "web"), framework);
        _master.AddAgent(AgentInfo.Of("a1", "cpus:4;mem:4096"), new Agent());
        _loop.RunUntil(Time.FromSeconds(2));
        Assert.That(_master.IsRegistered(new FrameworkId(3)), Is.True);
        Assert.That(framework.Offers, Is.Empty, "disconnected until it subscribes again");

        _master.ActivateFramework(new FrameworkId(3));
        _loop.RunUntil(Time.FromSeconds(3));
        Assert.That(framework.Offers, Is.Not.Empty);
        Assert.That(_master.AddFramework(new FrameworkInfo("batch", "batch"), new Framework()), Is.EqualTo(new FrameworkId(4)));
    }

    [Test]
    public void AReadmittedAgent_KeepsItsTasksAllocated_AndOffersOnlyTheRest()
    {
        var framework = new Framework();
        var id = new FrameworkId(0);
        _master.ReadmitFramework(id, new FrameworkInfo("web", "web"), framework);
        var (agent, refused, _) = _master.ReadmitAgent(AgentInfo.Of("a1", "cpus:4;mem:4096"), new Agent(),
        [
            (id, Task("t1", "cpus:3;mem:1024"), TaskState.Running),
            (new FrameworkId(7), Task("t2", "cpus:1;mem:128"), TaskState.Running),
        ], []);
        Assert.That(refused.Select(r => r.Task.Id.Value), Is.EqualTo(new[] { "t2" }), "a framework the master does not know");
        Assert.That(_master.StateOf(id, new TaskId("t1")), Is.EqualTo(TaskState.Running));
        Assert.That(_master.RunningTasks(id), Is.EqualTo(1));
        Assert.That(_allocator.Allocation(id), Is.EqualTo(R.Parse("cpus:3;mem:1024")));

        _master.ActivateFramework(id);
        _loop.RunUntil(Time.FromSeconds(1));
        Assert.That(framework.Offers.Single().Resources, Is.EqualTo(R.Parse("cpus:1;mem:3072")), "what the running task does not hold");

        _master.UpdateTaskStatus(agent, id, new TaskId("t1"), TaskState.Finished);
        Assert.That(_allocator.Allocation(id), Is.EqualTo(R.Parse("cpus:1;mem:3072")), "the task's resources came back when it ended");
    }

    [Test]
    public void ATaskThatNoLongerFits_IsRefused()
    {
        var id = new FrameworkId(0);
        _master.ReadmitFramework(id, new FrameworkInfo("web", "web"), new Framework());
        var (_, refused, _) = _master.ReadmitAgent(AgentInfo.Of("a1", "cpus:2;mem:1024"), new Agent(),
            [(id, Task("t1", "cpus:2;mem:512"), TaskState.Running), (id, Task("t2", "cpus:1;mem:512"), TaskState.Running)], []);
        Assert.That(refused.Select(r => r.Task.Id.Value), Is.EqualTo(new[] { "t2" }));
    }

    [Test]
    public void ReservationsComeBackWithTheAgent_AndItsTasksHoldThemFirst()
    {
        var id = new FrameworkId(0);
        _master.ReadmitFramework(id, new FrameworkInfo("web", "web"), new Framework());
        var (agent, refused, unreserved) = _master.ReadmitAgent(AgentInfo.Of("a1", "cpus:4;mem:4096"), new Agent(),
            [(id, Task("t1", "cpus:1;mem:512"), TaskState.Running)],
            [("web", R.Parse("cpus:2;mem:1024")), ("other", R.Parse("cpus:8"))]);
        Assert.That(refused, Is.Empty);
        Assert.That(unreserved.Select(u => u.Role), Is.EqualTo(new[] { "other" }), "more than the agent has");
        Assert.That(_allocator.ReservedOn(agent, "web"), Is.EqualTo(R.Parse("cpus:2;mem:1024")));
        Assert.That(_allocator.QuotaConsumption("web"), Is.EqualTo(R.Parse("cpus:2;mem:1024")), "the task sits in the reservation, not beside it");
    }

    [Test]
    public void ATaskOfAnAgentThatDidNotComeBack_IsReportedLost()
    {
        var framework = new Framework();
        var id = new FrameworkId(0);
        _master.ReadmitFramework(id, new FrameworkInfo("web", "web"), framework);
        _master.ReportGone(id, new TaskId("t9"), "agent a9 did not re-register", StatusReason.AgentRemoved);
        _master.ReportGone(id, new TaskId("t8"), "agent a8 re-registered without it", StatusReason.Reconciliation);
        _loop.RunUntil(Time.FromSeconds(1));
        Assert.That(framework.Updates.Select(u => (u.Task.Value, u.State, u.Code, u.Source, u.Reason)), Is.EqualTo(new[]
        {
            ("t9", TaskState.Lost, StatusReason.AgentRemoved, StatusSource.Master, (string?)"agent a9 did not re-register"),
            ("t8", TaskState.Lost, StatusReason.Reconciliation, StatusSource.Master, (string?)"agent a8 re-registered without it"),
        }));
    }
}
