using ClusterSim.Core.Oversubscription;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Tests.Scheduler;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>The agent's side of live oversubscription: its slack (allocated less used, per task) and the
/// report that sets its revocable total at the master.</summary>
public class SlackReportTests
{
    [Test]
    public void TheSlack_IsAllocatedLessUsed_PerTask_NeverNegative_ScaledByTheOfferedShare()
    {
        var slack = SlackEstimate.Of(
        [
            (R.Parse("cpus:2;mem:1024"), R.Parse("cpus:0.5;mem:256")),
            (R.Parse("cpus:1;mem:512"), R.Parse("cpus:1.5;mem:600")), // over its allocation: lends nothing
        ], offered: 0.5);
        Assert.That(slack, Is.EqualTo(R.Parse("cpus:0.75;mem:384")));
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
