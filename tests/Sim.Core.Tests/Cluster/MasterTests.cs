using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

public class MasterTests
{
    private SimLoop _loop = null!;
    private RecordingAllocator _allocator = null!;
    private Master _master = null!;

    private void Start(AllocationOptions? options = null)
    {
        _loop = new SimLoop();
        _allocator = new RecordingAllocator(_loop);
        _master = new Master(_loop, _allocator, options ?? new AllocationOptions());
        _master.Start();
    }

    [SetUp]
    public void SetUp() => Start();

    private (FrameworkId, RecordingScheduler) AddFramework(string name = "fw")
    {
        var scheduler = new RecordingScheduler();
        return (_master.AddFramework(new FrameworkInfo(name, "role"), scheduler), scheduler);
    }

    private (AgentId, SimulatedAgent) AddAgent(string name = "a1", string resources = "cpus:4;mem:4096")
    {
        var agent = new SimulatedAgent(_loop, _master);
        return (agent.Register(AgentInfo.Of(name, resources)), agent);
    }

    private static TaskSpec Task(string id, string resources, double seconds) =>
        new(new TaskId(id), R.Parse(resources), Duration.FromSeconds(seconds));

    [Test]
    public void The_FirstPeriodicRun_IsOneIntervalAfterStart()
    {
        Start(new AllocationOptions { Interval = Duration.FromSeconds(5), SkipIdleRuns = false });
        _loop.RunUntil(Time.FromSeconds(11));
        Assert.That(_allocator.Calls.Where(c => c.Contains("allocate")),
            Is.EqualTo(new[] { "5s allocate all", "10s allocate all" }));
    }

    [Test]
    public void Registrations_AtOneInstant_AreBatchedIntoOneRun()
    {
        AddAgent("a1");
        AddAgent("a2");
        AddFramework();
        _loop.RunDueNow();
        Assert.That(_allocator.Calls.Count(c => c.Contains("allocate")), Is.EqualTo(1));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s allocate all"));
    }

    [Test]
    public void An_AddedAgent_TriggersARunOverThatAgentOnly()
    {
        AddFramework();
        _loop.RunDueNow();
        AddAgent("a1");
        _loop.RunDueNow();
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s allocate 0"));
    }

    [Test]
    public void Offers_ReachTheFramework_OnTheLoop_NotInsideTheRun()
    {
        var (_, scheduler) = AddFramework();
        AddAgent();
        Assert.That(scheduler.Offers, Is.Empty);
        _loop.RunDueNow();
        Assert.That(scheduler.Offers, Has.Count.EqualTo(1));
        Assert.That(scheduler.Offers[0].Resources, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
    }

    [Test]
    public void Accept_LaunchesTasks_AndDeclinesTheRestWithTheAcceptFilter()
    {
        var (fw, scheduler) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        var outcome = _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:1;mem:1024", 10)], OfferFilter.Default);
        Assert.That(outcome, Is.EqualTo(AcceptOutcome.Launched));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s recover cpus:3;mem:3072 refuse 5s"));
        _loop.RunDueNow();
        Assert.That(scheduler.Updates.Select(u => u.State), Is.EqualTo(new[] { TaskState.Running }));
        Assert.That(_master.RunningTasks(fw), Is.EqualTo(1));
    }

    [Test]
    public void A_FinishedTask_ReturnsItsResourcesWithNoFilter()
    {
        var (fw, scheduler) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:4;mem:4096", 10)], OfferFilter.Default);
        _loop.RunUntil(Time.FromSeconds(10));
        Assert.That(scheduler.Updates.Select(u => (u.State, u.At)),
            Is.EqualTo(new[] { (TaskState.Running, Time.Zero), (TaskState.Finished, Time.FromSeconds(10)) }));
        Assert.That(_allocator.Calls, Does.Contain("10s recover cpus:4;mem:4096 refuse 0s"));
        Assert.That(_master.RunningTasks(fw), Is.Zero);
    }

    [Test]
    public void Accept_OfAnOfferNoLongerOutstanding_ReportsTheTasksLost()
    {
        var (fw, scheduler) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        var offer = scheduler.Offers[0].Id;
        _master.Decline(fw, [offer], OfferFilter.None);
        var outcome = _master.Accept(fw, [offer], [Task("t1", "cpus:1", 10)], OfferFilter.Default);
        _loop.RunDueNow();
        Assert.That(outcome, Is.EqualTo(AcceptOutcome.OfferNotOutstanding));
        Assert.That(scheduler.Updates.Single().State, Is.EqualTo(TaskState.Lost));
        Assert.That(_master.LiveTasks(fw), Is.Zero);
    }

    [Test]
    public void Accept_OfTasksThatDoNotFit_FailsThem_AndReturnsTheWholeOffer()
    {
        var (fw, scheduler) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        var outcome = _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:8", 10)], OfferFilter.Default);
        _loop.RunDueNow();
        Assert.That(outcome, Is.EqualTo(AcceptOutcome.Invalid));
        Assert.That(scheduler.Updates.Single().State, Is.EqualTo(TaskState.Failed));
        Assert.That(scheduler.Updates.Single().Reason, Does.Contain("cpus:8"));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s recover cpus:4;mem:4096 refuse 0s"));
        Assert.That(_master.OutstandingOfferCount, Is.Zero);
    }

    [Test]
    public void A_WeightChange_RescindsOffers_OnlyWhenTheRoleHasFrameworks()
    {
        // weights_handler.cpp, rescindOffers: only if an updated role is in master->roles.
        AddFramework();
        AddAgent();
        _loop.RunDueNow();
        _master.SetWeight("nobody", 2);
        Assert.That(_master.OutstandingOfferCount, Is.EqualTo(1));
        _master.SetWeight("role", 2);
        Assert.That(_master.OutstandingOfferCount, Is.Zero);
    }

    [Test]
    public void An_OperatorReserve_RescindsTheOffersItNeeds_WithAFiveSecondFilter()
    {
        // http.cpp, _operation: rescindOffer(offer, Filters()), refuse_seconds 5 by default; Mesos counts free
        // resources as gone, so the offer is rescinded before the reserve.
        var (_, scheduler) = AddFramework();
        var (a1, _) = AddAgent("a1");
        AddAgent("a2");
        _loop.RunDueNow();
        _master.Reserve(a1, "role", R.Parse("cpus:1;mem:1024"));
        _loop.RunDueNow();
        Assert.That(_allocator.Calls.Where(c => c.Contains("recover") || c.Contains("reserve")), Is.EqualTo(new[]
        {
            "0s recover cpus:4;mem:4096 refuse 5s",
            "0s reserve cpus:1;mem:1024 for role",
        }));
        Assert.That(scheduler.Rescinded, Is.EqualTo(new[] { scheduler.Offers.Single(o => o.Agent == a1).Id }));
    }

    [Test]
    public void RemoveAgent_TellsTheAllocatorFirst_ThenLosesTasks_AndRescindsOffers()
    {
        var (fw, scheduler) = AddFramework();
        var (a1, agent1) = AddAgent("a1");
        var (a2, _) = AddAgent("a2");
        _loop.RunDueNow();
        var onA1 = scheduler.Offers.Single(o => o.Agent == a1);
        _master.Accept(fw, [onA1.Id], [Task("t1", "cpus:4;mem:4096", 100)], OfferFilter.Default);
        _loop.RunDueNow();
        var callsBefore = _allocator.Calls.Count;

        agent1.Shutdown();
        _master.RemoveAgent(a1);
        _master.RemoveAgent(a2);
        _loop.RunDueNow();

        Assert.That(_allocator.Calls[callsBefore], Is.EqualTo("0s removeAgent 0"));
        Assert.That(scheduler.Updates.Last().State, Is.EqualTo(TaskState.Lost));
        Assert.That(scheduler.Rescinded, Is.EqualTo(new[] { scheduler.Offers.Single(o => o.Agent == a2).Id }));
        Assert.That(_master.RunningTasks(fw), Is.Zero);
        Assert.That(_master.OutstandingOfferCount, Is.Zero);
    }

    [Test]
    public void OfferTimeout_RescindsTheOffer_AndReturnsItUnfiltered()
    {
        Start(new AllocationOptions { OfferTimeout = Duration.FromSeconds(30) });
        var (_, scheduler) = AddFramework();
        AddAgent();
        _loop.RunUntil(Time.FromSeconds(29));
        Assert.That(scheduler.Rescinded, Is.Empty);
        _loop.RunUntil(Time.FromSeconds(30));
        Assert.That(scheduler.Rescinded, Is.EqualTo(new[] { scheduler.Offers[0].Id }));
        Assert.That(_allocator.Calls, Does.Contain("30s recover cpus:4;mem:4096 refuse 0s"));
    }

    [Test]
    public void An_AnsweredOffer_DoesNotTimeOut()
    {
        Start(new AllocationOptions { OfferTimeout = Duration.FromSeconds(30) });
        var (fw, scheduler) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        _master.Decline(fw, [scheduler.Offers[0].Id], new OfferFilter(Duration.FromHours(1)));
        // The agent is offered again at t=1 s (this allocator has no filters); that offer times out at 31 s.
        _loop.RunUntil(Time.FromSeconds(30.5));
        Assert.That(scheduler.Rescinded, Is.Empty);
    }

    [Test]
    public void SetWeight_RescindsEveryOutstandingOffer()
    {
        var (_, scheduler) = AddFramework();
        AddAgent("a1");
        AddAgent("a2");
        _loop.RunDueNow();
        _master.SetWeight("role", 2);
        _loop.RunDueNow();
        Assert.That(scheduler.Rescinded, Has.Count.EqualTo(2));
        Assert.That(_master.OutstandingOfferCount, Is.Zero);
    }

    [Test]
    public void RemoveFramework_KillsItsTasks_AndReturnsEverything()
    {
        var (fw, scheduler) = AddFramework();
        var (_, agent) = AddAgent();
        _loop.RunDueNow();
        _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:1;mem:1024", 100)], OfferFilter.Default);
        _loop.RunDueNow();
        _master.RemoveFramework(fw);
        _loop.RunDueNow();
        Assert.That(agent.RunningTasks, Is.Zero);
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s removeFramework 0"));
        Assert.That(_allocator.Calls, Does.Contain("0s recover cpus:1;mem:1024 refuse 0s"));
        Assert.That(_master.IsRegistered(fw), Is.False);
    }

    [Test]
    public void Deactivating_TellsTheAllocatorFirst_ThenRescindsOffersUnfiltered_AndActivatingRunsAllocation()
    {
        // master.cpp, Master::deactivate: allocator->deactivateFramework, then the offers are rescinded.
        var (fw, _) = AddFramework();
        AddAgent();
        _loop.RunDueNow();
        _allocator.Calls.Clear();
        _master.DeactivateFramework(fw);
        Assert.That(_allocator.Calls, Is.EqualTo(new[] { "0s deactivate", "0s recover cpus:4;mem:4096 refuse 0s" }));
        Assert.That(_master.OutstandingOffers(fw), Is.Empty);
        _master.ActivateFramework(fw);
        _loop.RunDueNow();
        Assert.That(_allocator.Calls.Skip(2), Is.EqualTo(new[] { "0s activate", "0s allocate all" }));
    }

    [Test]
    public void An_Update_ThatChangesTheRole_RescindsItsOffers_AndIsRefusedWithLiveTasks()
    {
        var (fw, scheduler) = AddFramework();
        AddAgent();
        AddAgent("a2");
        _loop.RunDueNow();
        _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:1;mem:1024", 100)], OfferFilter.Default);
        _loop.RunDueNow();
        var e = Assert.Throws<InvalidOperationException>(() => _master.UpdateFramework(fw, new FrameworkInfo("fw", "other"), []));
        Assert.That(e!.Message, Does.Contain("live tasks in role 'role'"));
        Assert.That(_master.FrameworkInfoOf(fw).Role, Is.EqualTo("role"));
        _master.KillTask(fw, new TaskId("t1"));
        _loop.RunDueNow();
        _master.UpdateFramework(fw, new FrameworkInfo("fw", "other"), ["other"]);
        Assert.That(_master.OutstandingOffers(fw), Is.Empty, "the offer to the role it left is rescinded");
        Assert.That(_master.FrameworkInfoOf(fw).Role, Is.EqualTo("other"));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s update fw roles other suppressed [other]"));
        Assert.That(_master.SuppressedRoles(fw), Is.EqualTo(new[] { "other" }));
        Assert.That(() => _master.UpdateFramework(fw, new FrameworkInfo("renamed", "other"), []), Throws.InvalidOperationException);
    }

    [Test]
    public void Offers_NameTheirRole_AndSuppressAndReviveArePerRole()
    {
        var scheduler = new RecordingScheduler();
        var fw = _master.AddFramework(new FrameworkInfo("fw", "a").WithRoles(["a", "b"]), scheduler);
        AddAgent();
        _loop.RunDueNow();
        var offer = scheduler.Offers.Single();
        Assert.That(offer.Role, Is.EqualTo("a"), "a grant naming no role is for the framework's first");
        _master.Accept(fw, [offer.Id], [Task("t1", "cpus:1;mem:1024", 100)], OfferFilter.None);
        Assert.That(_allocator.Calls.Last(), Does.StartWith("0s recover cpus:3;mem:3072"));
        _master.Suppress(fw, ["b"]);
        Assert.That(_master.SuppressedRoles(fw), Is.EqualTo(new[] { "b" }));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s suppress b"));
        _master.Revive(fw);
        Assert.That(_master.SuppressedRoles(fw), Is.Empty);
    }

    [Test]
    public void Draining_DeactivatesTheAgent_RescindsItsOffers_AndKillsItsTasksAfterTheGracePeriod()
    {
        // http.cpp, _drainAgent: master->deactivate(slave), then the agent kills its tasks.
        var (fw, scheduler) = AddFramework();
        var (agentId, agent) = AddAgent();
        _loop.RunDueNow();
        _master.Accept(fw, [scheduler.Offers[0].Id], [Task("t1", "cpus:1;mem:1024", 1000)], OfferFilter.None);
        _loop.RunDueNow();
        _master.DrainAgent(agentId, Duration.FromSeconds(30));
        Assert.That(_allocator.Calls, Does.Contain("0s deactivateAgent 0"));
        Assert.That((_master.IsDraining(agentId), _master.IsDrained(agentId), _master.IsActive(agentId)), Is.EqualTo((true, false, false)));
        _loop.RunUntil(Time.Zero + Duration.FromSeconds(29));
        Assert.That(agent.RunningTasks, Is.EqualTo(1));
        _loop.RunUntil(Time.Zero + Duration.FromSeconds(30));
        Assert.That(agent.RunningTasks, Is.Zero);
        Assert.That(_master.IsDrained(agentId), Is.True);
        _master.ActivateAgent(agentId);
        Assert.That((_master.IsDraining(agentId), _master.IsActive(agentId)), Is.EqualTo((false, true)));
    }

    [Test]
    public void An_AgentUpdate_RescindsItsOffers_ThenUpdatesTheAllocator_AndRunsAllocationOnIt()
    {
        var (fw, scheduler) = AddFramework();
        var (agentId, _) = AddAgent();
        _loop.RunDueNow();
        _allocator.Calls.Clear();
        _master.UpdateAgent(agentId, AgentInfo.Of("a1", "cpus:8;mem:4096"));
        _loop.RunDueNow();
        Assert.That(_allocator.Calls, Is.EqualTo(new[] { "0s recover cpus:4;mem:4096 refuse 0s", "0s updateAgent a1 cpus:8;mem:4096", "0s allocate 0" }));
        Assert.That(_master.AgentInfoOf(agentId).Total.Total, Is.EqualTo(R.Parse("cpus:8;mem:4096")));
        Assert.That(_master.OutstandingOffers(fw), Has.Count.EqualTo(1));
        Assert.That(() => _master.UpdateAgent(agentId, AgentInfo.Of("other", "cpus:8")), Throws.InvalidOperationException);
        Assert.That(scheduler.Rescinded, Has.Count.EqualTo(1));
    }

    [Test]
    public void Maintenance_RescindsTheAgentsOffers_NewOnesCarryTheWindow_AndInverseOffersReachTheFramework()
    {
        // master.cpp, updateUnavailability: rescind offers, then allocator->updateUnavailability.
        var (fw, scheduler) = AddFramework();
        var (agentId, _) = AddAgent();
        _loop.RunDueNow();
        var window = new Unavailability(Time.Zero + Duration.FromMinutes(1), Duration.FromHours(1));
        _allocator.DueInverseOffers.Add((fw, agentId));
        _master.UpdateMaintenance(agentId, window);
        _loop.RunDueNow();
        Assert.That(scheduler.Rescinded, Has.Count.EqualTo(1));
        Assert.That(scheduler.Offers[^1].Unavailability, Is.EqualTo(window));
        var inverse = _master.OutstandingInverseOffers(fw).Single();
        Assert.That((inverse.Agent, inverse.Unavailability), Is.EqualTo((agentId, window)));
        _master.DeclineInverseOffers(fw, [inverse.Id], new OfferFilter(Duration.FromSeconds(10)));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("0s inverse 0 0 False refuse 10s"));
        Assert.That(_master.OutstandingInverseOffers(fw), Is.Empty);
    }

    [Test]
    public void Each_OfferOfARun_CarriesItsOwnAgentsRecord_AndMaintenanceWindow()
    {
        // The run's agents are read in a pass of their own before the offers are made (Master.ReadGrantedAgents):
        // each offer must still get its own agent's record.
        var (_, scheduler) = AddFramework();
        var agents = Enumerable.Range(0, 5).Select(i => AddAgent("a" + i, $"cpus:{i + 1};mem:1024").Item1).ToArray();
        var window = new Unavailability(Time.Zero + Duration.FromMinutes(1), Duration.FromHours(1));
        _master.UpdateMaintenance(agents[2], window);
        _loop.RunDueNow();
        Assert.That(scheduler.Offers.Select(o => (o.Agent, o.AgentInfo.Name, o.Unavailability)),
            Is.EqualTo(agents.Select((a, i) => (a, "a" + i, i == 2 ? window : null))));
    }

    [Test]
    public void A_PeriodicRun_IsSkipped_WhenNothingChanged_AndRunsWhenSomethingDid()
    {
        AddFramework();
        AddAgent();
        _loop.RunUntil(Time.FromSeconds(5));
        Assert.That(_allocator.Calls.Count(c => c.Contains("allocate")), Is.EqualTo(1), "only the triggered run at t=0");
        _allocator.Changed = true;
        _loop.RunUntil(Time.FromSeconds(6));
        Assert.That(_allocator.Calls.Last(), Is.EqualTo("6s allocate all"));
    }

    [Test]
    public void Duplicate_Names_AreRejected()
    {
        AddFramework("fw");
        AddAgent("a1");
        Assert.Throws<InvalidOperationException>(() => AddFramework("fw"));
        Assert.Throws<InvalidOperationException>(() => AddAgent("a1"));
    }

    [Test]
    public void StatusUpdates_ForUnknownTasks_AreIgnored()
    {
        var (fw, scheduler) = AddFramework();
        var (a1, _) = AddAgent();
        _master.UpdateTaskStatus(a1, fw, new TaskId("ghost"), TaskState.Finished);
        _loop.RunDueNow();
        Assert.That(scheduler.Updates, Is.Empty);
    }
}
