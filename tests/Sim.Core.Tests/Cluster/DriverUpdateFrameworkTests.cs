using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>UPDATE_FRAMEWORK through the in-process driver (ISchedulerDriver.UpdateFramework) takes the master's
/// own update path (src/master/master.cpp, Master::updateFramework), as the live driver's call does.</summary>
public class DriverUpdateFrameworkTests
{
    private SimLoop _loop = null!;
    private Master _master = null!;
    private RecordingAllocator _allocator = null!;
    private InProcessSchedulerDriver _driver = null!;
    private RecordingScheduler _link = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _allocator = new RecordingAllocator(_loop);
        _master = new Master(_loop, _allocator, new AllocationOptions { SkipIdleRuns = false });
        _master.Start();
        new SimulatedAgent(_loop, _master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        _driver = new InProcessSchedulerDriver(_master);
        _link = new RecordingScheduler();
        _driver.Subscribe(new FrameworkInfo("fw", "web"), _link);
        _loop.RunDueNow();
    }

    [Test]
    public void TheRolesAndSuppressionChange_AndTheOfferToTheRoleLeftIsRescinded()
    {
        var offer = _link.Offers.Single();
        _driver.UpdateFramework(new FrameworkInfo("fw", "batch").WithRoles(["batch", "analytics"]), suppressedRoles: ["analytics"]);
        _loop.RunDueNow();
        Assert.That(_master.FrameworkInfoOf(_driver.Framework).Roles, Is.EqualTo(new[] { "batch", "analytics" }));
        Assert.That(_master.SuppressedRoles(_driver.Framework), Is.EqualTo(new[] { "analytics" }));
        Assert.That(_link.Rescinded, Is.EqualTo(new[] { offer.Id }));
        Assert.That(_allocator.Calls, Does.Contain("0s update fw roles batch,analytics suppressed [analytics]"));
        Assert.That(_link.Errors, Is.Empty);
    }

    [Test]
    public void WhatTheMasterRefuses_ReachesTheFrameworkAsAnError_AndChangesNothing()
    {
        _driver.Accept([_link.Offers.Single().Id], [new TaskSpec(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromHours(1))], OfferFilter.None);
        _loop.RunDueNow();
        _driver.UpdateFramework(new FrameworkInfo("fw", "batch"));
        Assert.That(_link.Errors, Is.Empty, "told on the loop, not from inside the call");
        _loop.RunDueNow();
        Assert.That(_link.Errors, Is.EqualTo(new[]
        {
            "UPDATE_FRAMEWORK: framework 'fw' has live tasks in role 'web': it can leave a role only without tasks there",
        }));
        Assert.That(_master.FrameworkInfoOf(_driver.Framework).Roles, Is.EqualTo(new[] { "web" }));
    }

    [Test]
    public void ASuppressedRoleNotTheFrameworks_IsRefusedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => _driver.UpdateFramework(new FrameworkInfo("fw", "web"), suppressedRoles: ["batch"]));
        Assert.That(e!.Message, Does.StartWith("framework 'fw': suppressed role 'batch' is not one of its roles web"));
    }
}
