using ClusterSim.Core.Oversubscription;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Tests.Scheduler;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>The agent's side of live oversubscription: its oversubscribed total (the regular tasks' slack, with
/// what revocable tasks hold added back) and the report that sets its revocable total at the master.</summary>
public class SlackReportTests
{
    private static MeasuredTask Task(string id, string allocated, string? used, bool revocable = false) =>
        new(new RunningContainer(1, id, "c-" + id, R.Parse(allocated).Cpus, R.Parse(allocated).Mem, revocable, PartitionAware: false), R.Parse(allocated),
            used == null ? null : R.Parse(used));

    [Test]
    public void TheSlack_IsTheRegularTasksAllocatedLessUsed_OverTheAgentsTotals_ScaledByTheOfferedShare()
    {
        var total = SlackEstimate.Of(
        [
            Task("a", "cpus:2;mem:1024", "cpus:0.5;mem:256"),
            Task("b", "cpus:1;mem:512", "cpus:1.5;mem:600"), // over its allocation: eats into the agent's slack, as in the simulator's AgentUsage.Slack
        ], offered: 0.5);
        Assert.That(total, Is.EqualTo(R.Parse("cpus:0.5;mem:340")));
    }

    [Test]
    public void ARevocableTask_DoesNotShrinkTheEstimate_AndWhatItHoldsIsAddedBack()
    {
        // 3 cpus of regular slack; a revocable task holds 2 of them and uses all it holds. Mesos's estimator lends
        // the slack less what revocable tasks hold (fixed.cpp) and the agent forwards that plus what they hold
        // (slave.cpp, _forwardOversubscribed): the total stays 3, not 3 - 2 used.
        var regular = Task("r", "cpus:4;mem:2048", "cpus:1;mem:2048");
        var revocable = Task("v", "cpus:2;mem:0", "cpus:2;mem:0", revocable: true);
        Assert.Multiple(() =>
        {
            Assert.That(SlackEstimate.Of([regular, revocable]), Is.EqualTo(R.Parse("cpus:3")));
            Assert.That(SlackEstimate.Of([regular]), Is.EqualTo(R.Parse("cpus:3")), "the same total as before the revocable task ran");
            Assert.That(SlackEstimate.Of([Task("r", "cpus:4;mem:2048", "cpus:3.5;mem:2048"), revocable]), Is.EqualTo(R.Parse("cpus:2")),
                "when the regular task's usage rises, the total never drops below what revocable tasks hold (the QoS controller's to correct)");
            Assert.That(SlackEstimate.Of([regular, revocable], offered: 0.5),
                Is.EqualTo(Core.Oversubscription.OversubscribedTotal.Of(R.Parse("cpus:4;mem:2048"), R.Parse("cpus:1;mem:2048"), R.Parse("cpus:2"), 0.5)),
                "the simulator's SlackEstimator computes the same");
        });
    }

    [Test]
    public void ARegularTaskNotMeasuredYet_LendsNothing()
    {
        Assert.That(SlackEstimate.Of([Task("r", "cpus:2;mem:512", null)]), Is.EqualTo(R.Empty));
    }

    [Test]
    public async Task TheAgentsReport_SetsItsRevocableTotalAtTheMaster()
    {
        await using var master = await ApiMaster.StartAsync(revocable: true);
        using var client = new MasterClient(new AgentOptions("agent-0", master.Address.ToString(), "http://127.0.0.1:0", null)
        {
            Credential = ("agents", "s3cret-agents"),
            Log = _ => { },
        });
        Assert.That(await client.ReportOversubscribedAsync(R.Parse("cpus:1.5;mem:256"), CancellationToken.None), Is.True);
        Assert.That(await master.OnLoop(() => ((IOversubscribedTotals)master.Master.Allocator).OversubscribedOn(master.Master.Agents.Single())),
            Is.EqualTo(R.Parse("cpus:1.5;mem:256")));
        Assert.That(await client.ReportOversubscribedAsync(R.Empty, CancellationToken.None), Is.True, "none is reported as empty");
        Assert.That(await master.OnLoop(() => ((IOversubscribedTotals)master.Master.Allocator).OversubscribedOn(master.Master.Agents.Single()).IsEmpty), Is.True);
    }
}
