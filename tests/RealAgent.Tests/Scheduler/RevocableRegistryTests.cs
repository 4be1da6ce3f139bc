using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.RealAgent.Master.Registry;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Tests.Live;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// A task on revocable resources is kept in the etcd registry as revocable, and a new leader takes it back as
/// revocable when its agent re-registers (Mesos's re-registering agent reports each task's resources with
/// their RevocableInfo): in the allocator's revocable books, not the framework's regular allocation.
/// </summary>
public class RevocableRegistryTests
{
    private static JsonObject Resource(string name, double value) => new()
    {
        ["name"] = name,
        ["type"] = "SCALAR",
        ["scalar"] = new JsonObject { ["value"] = value },
        ["revocable"] = new JsonObject(),
    };

    [Test]
    public async Task ARevocableTask_IsRegisteredRevocable_AndANewLeaderReadmitsItRevocable()
    {
        var folder = Directory.CreateTempSubdirectory("clustersim-revocable-").FullName;
        using var etcd = await EtcdServer.StartAsync(folder);
        int frameworkId;
        await using (var first = await ApiMaster.StartAsync(agents: 0, revocable: true))
        {
            await using var registry = new MasterRegistry(etcd.Url, _ => { });
            await first.OnLoop(() =>
            {
                first.Host.Recover(RegistryContents.Empty, registry, TimeSpan.FromMinutes(1));
                new SimulatedAgent(first.Loop, first.Master).Register(AgentInfo.Of("agent-0", "cpus:2;mem:2048"));
                return true;
            });
            using var agent = first.Client("agents", "s3cret-agents");
            var set = await agent.PostAsync("/api/agents/agent-0/oversubscribed", new JsonObject { ["resources"] = "cpus:1;mem:512" });
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());

            using var client = first.Client("analytics", "s3cret-an");
            var subscribe = SchedulerClient.SubscribeCall("slack", "analytics", failover: 60);
            subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" });
            var (stream, response) = await client.SubscribeAsync(subscribe);
            if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
            using var events = stream!;
            frameworkId = int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture);
            var offer = await events.NextAsync("OFFERS", e => e.GetProperty("offers").GetProperty("offers").EnumerateArray()
                .Any(o => o.GetProperty("resources")[0].TryGetProperty("revocable", out _)));
            var offerId = offer.GetProperty("offers").GetProperty("offers").EnumerateArray()
                .First(o => o.GetProperty("resources")[0].TryGetProperty("revocable", out _)).GetProperty("id").GetProperty("value").GetString();
            var accepted = await events.CallAsync("ACCEPT", new JsonObject
            {
                ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offerId }),
                ["operations"] = new JsonArray(new JsonObject
                {
                    ["type"] = "LAUNCH",
                    ["launch"] = new JsonObject
                    {
                        ["task_infos"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "spare-0",
                            ["task_id"] = new JsonObject { ["value"] = "spare-0" },
                            ["resources"] = new JsonArray(Resource("cpus", 0.5), Resource("mem", 128)),
                        }),
                    },
                }),
            });
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
            await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_RUNNING");
            await registry.DrainAsync(ApiMaster.Bound);
        }

        await using var reader = new MasterRegistry(etcd.Url, _ => { });
        var contents = await reader.ReadAsync(etcd.Url, CancellationToken.None);
        Assert.That(contents.Problems, Is.Empty);
        Assert.That(contents.Tasks.Single(), Is.EqualTo(new RegisteredTask("agent-0", frameworkId, "spare-0", 0.5, 128) { Revocable = true }));

        await using var second = await ApiMaster.StartAsync(agents: 0, revocable: true);
        await second.OnLoop(() =>
        {
            second.Host.Recover(contents, reader, TimeSpan.FromMinutes(1));
            return true;
        });
        using var returning = second.Client("agents", "s3cret-agents");
        var registration = new AgentRegistration("agent-0", "http://127.0.0.1:9/", "cpus:2;mem:2048", null)
        {
            Tasks = [new RunningTask(frameworkId, "spare-0", 0.5, 128, "RUNNING")],
        };
        var registered = await returning.PostAsync("/api/agents/register", JsonSerializer.SerializeToNode(registration, ProtocolJson.Options)!);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await registered.Content.ReadAsStringAsync());
        var id = new FrameworkId(frameworkId);
        var (revocable, regular) = await second.OnLoop(() =>
            (second.Master.Allocator.Allocation(id, RevocableResources.Role).Cpus, second.Master.Allocator.Allocation(id).Cpus));
        Assert.That(revocable, Is.EqualTo(0.5), "the readmitted task holds revocable resources");
        Assert.That(regular, Is.EqualTo(0), "and none of the framework's regular allocation");
    }

    /// <summary>The registry keeps an agent's oversubscribed total while the agent is admitted and forgets it with
    /// the agent; a new leader without --oversubscription, which keeps no revocable books, drops it when the agent
    /// re-registers.</summary>
    [Test]
    public async Task AnAgentsOversubscribedTotal_IsKeptWhileItIsAdmitted_AndDroppedByALeaderWithoutOversubscription()
    {
        var folder = Directory.CreateTempSubdirectory("clustersim-oversubscribed-").FullName;
        using var etcd = await EtcdServer.StartAsync(folder);
        await using var registry = new MasterRegistry(etcd.Url, _ => { });
        await using (var first = await ApiMaster.StartAsync(agents: 0, revocable: true))
        {
            await first.OnLoop(() =>
            {
                first.Host.Recover(RegistryContents.Empty, registry, TimeSpan.FromMinutes(1));
                return true;
            });
            using var agent = first.Client("agents", "s3cret-agents");
            foreach (var name in new[] { "agent-0", "agent-1" })
            {
                var registered = await agent.PostAsync("/api/agents/register", new JsonObject { ["name"] = name, ["url"] = "http://127.0.0.1:9/", ["resources"] = "cpus:2;mem:2048" });
                Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await registered.Content.ReadAsStringAsync());
                var set = await agent.PostAsync($"/api/agents/{name}/oversubscribed", new JsonObject { ["resources"] = "cpus:1;mem:512" });
                Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
            }
            await first.OnLoop(() =>
            {
                first.Master.TryFindAgent("agent-1", out var id);
                first.Master.RemoveAgent(id);
                return true;
            });
            await registry.DrainAsync(ApiMaster.Bound);
        }
        var contents = await registry.ReadAsync(etcd.Url, CancellationToken.None);
        Assert.That(contents.Oversubscribed, Is.EqualTo(new[] { new RegisteredOversubscribed("agent-0", "cpus:1;mem:512") }),
            "the removed agent's total went with it");

        await using var second = await ApiMaster.StartAsync(agents: 0, revocable: false);
        await second.OnLoop(() =>
        {
            second.Host.Recover(contents, registry, TimeSpan.FromMinutes(1));
            return true;
        });
        using var returning = second.Client("agents", "s3cret-agents");
        var back = await returning.PostAsync("/api/agents/register", new JsonObject { ["name"] = "agent-0", ["url"] = "http://127.0.0.1:9/", ["resources"] = "cpus:2;mem:2048" });
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), await back.Content.ReadAsStringAsync());
        await registry.DrainAsync(ApiMaster.Bound);
        Assert.That((await registry.ReadAsync(etcd.Url, CancellationToken.None)).Oversubscribed, Is.Empty);
    }
}
