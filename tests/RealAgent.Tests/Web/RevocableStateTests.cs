using System.Text.Json;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Oversubscription;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>
/// GET /state of a master with oversubscription shows revocable resources apart from the regular ones, as Mesos's
/// /state does (src/common/http.cpp, model(Resources): <c>cpus_revocable</c> next to <c>cpus</c> in an agent's
/// <c>resources</c> and <c>used_resources</c>): each agent's revocable total and what its revocable tasks use,
/// each framework's and role's revocable allocation, and which tasks and offers are revocable.
/// </summary>
[NonParallelizable]
public class RevocableStateTests
{
    [Test]
    public async Task State_ShowsTheRevocableTotal_ItsUse_TheAllocations_AndTheTasksMark()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var master = await InProcessMaster.StartAsync(timeout.Token, oversubscription: true);
        await master.RegisterAgentAsync("agent-1", "cpus:4;mem:4096", timeout.Token);
        var info = new FrameworkInfo("spare", "analytics") { Capabilities = new SortedSet<string>([RevocableResources.Capability], StringComparer.Ordinal) };
        var revocableOffer = new RevocableOfferWatch();
        var framework = await master.OnLoopAsync(m =>
        {
            m.AddListener(revocableOffer);
            return m.AddFramework(info, new SilentScheduler());
        });
        await master.ReportOversubscribedAsync("agent-1", "cpus:1.5;mem:512", timeout.Token);
        // The framework holds every offer it gets: its regular offer came on its arrival, the revocable one after the report.
        await revocableOffer.Made.Task.WaitAsync(timeout.Token);
        Assert.That(await master.TryLaunchAsync(framework, "agent-1", "spare-0", R.Of(cpus: 1.5, mem: 512), revocable: true), Is.True);
        Assert.That(await master.TryLaunchAsync(framework, "agent-1", "regular-0", R.Of(cpus: 1, mem: 1024)), Is.True);

        var state = await master.StateAsync(timeout.Token);

        var agent = state.GetProperty("agents").EnumerateArray().Single();
        var spare = state.GetProperty("frameworks").EnumerateArray().Single();
        var role = state.GetProperty("roles").EnumerateArray().Single();
        var tasks = state.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("revocable").GetBoolean());
        Assert.Multiple(() =>
        {
            Assert.That(agent.GetProperty("cpusRevocable").GetDouble(), Is.EqualTo(1.5));
            Assert.That(agent.GetProperty("memRevocable").GetDouble(), Is.EqualTo(512));
            Assert.That(agent.GetProperty("usedCpusRevocable").GetDouble(), Is.EqualTo(1.5));
            Assert.That(agent.GetProperty("usedMemRevocable").GetDouble(), Is.EqualTo(512));
            Assert.That(agent.GetProperty("usedCpus").GetDouble(), Is.EqualTo(1), "regular use leaves the revocable task out");
            Assert.That(agent.GetProperty("usedMem").GetDouble(), Is.EqualTo(1024));
            Assert.That(agent.GetProperty("tasks").GetInt32(), Is.EqualTo(2));
            Assert.That(spare.GetProperty("allocatedRevocable").GetString(), Is.EqualTo("cpus:1.5;mem:512"));
            Assert.That(R.Parse(spare.GetProperty("allocated").GetString()!).Cpus, Is.AtLeast(1).And.AtMost(4),
                "the regular allocation (the regular task, and the offer of the rest once it is made again) stays apart");
            Assert.That(role.GetProperty("name").GetString(), Is.EqualTo("analytics"));
            Assert.That(role.GetProperty("allocatedRevocable").GetString(), Is.EqualTo("cpus:1.5;mem:512"));
            Assert.That(tasks, Is.EqualTo(new Dictionary<string, bool> { ["spare-0"] = true, ["regular-0"] = false }));
            Assert.That(state.GetProperty("offers").EnumerateArray().All(o => o.GetProperty("revocable").ValueKind == JsonValueKind.False), Is.True,
                "the outstanding offers are the rest of the regular resources");
            Assert.That(state.GetProperty("recentChanges").EnumerateArray()
                .Where(c => c.GetProperty("id").GetString() == "spare-0").All(c => c.GetProperty("revocable").GetBoolean()), Is.True);
        });
    }

    [Test]
    public async Task State_WithoutOversubscription_ShowsNoRevocableResources()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var master = await InProcessMaster.StartAsync(timeout.Token);
        await master.RegisterAgentAsync("agent-1", "cpus:4;mem:4096", timeout.Token);
        await master.OnLoopAsync(m => m.AddFramework(new FrameworkInfo("etl", "analytics"), new SilentScheduler()));

        var state = await master.StateAsync(timeout.Token);

        var agent = state.GetProperty("agents").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.GetProperty("cpusRevocable").GetDouble(), Is.Zero);
            Assert.That(agent.GetProperty("usedCpusRevocable").GetDouble(), Is.Zero);
            Assert.That(state.GetProperty("frameworks")[0].GetProperty("allocatedRevocable").GetString(), Is.EqualTo("{}"));
            Assert.That(state.GetProperty("roles")[0].GetProperty("allocatedRevocable").GetString(), Is.EqualTo("{}"));
        });
    }
}
