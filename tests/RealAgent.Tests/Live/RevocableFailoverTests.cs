using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.RealAgent.Master.Registry;
using ClusterSim.RealAgent.Tests.Scheduler;
using dotnet_etcd;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// An agent's oversubscribed (revocable) total survives a master failover: two <c>clustersim master
/// --oversubscription --etcd</c> processes and etcd; the agent is this test, speaking the agent protocol over HTTP
/// (no Docker), and reports its total once, to the first leader. The new leader has it from the registry the
/// moment the agent re-registers, without a new report, and offers it to a REVOCABLE_RESOURCES framework, as a
/// Mesos master has it then because the Mesos agent forwards its estimate on re-registration.
/// </summary>
[NonParallelizable]
public class RevocableFailoverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static ClusterProcess StartMaster(LiveCluster cluster, EtcdServer etcd, string label) =>
        cluster.Start(label, "master", "--listen", "http://127.0.0.1:0", "--token-file", cluster.TokenFile, "--etcd", etcd.Url,
            "--leader-ttl", "2s", "--oversubscription");

    private static async Task<string> UrlOf(ClusterProcess master) =>
        (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)/? \(policy drf, oversubscription\)", Bound)).Groups[1].Value;

    private static JsonObject Registration => new() { ["name"] = "a0", ["url"] = "http://127.0.0.1:9/", ["resources"] = "cpus:2;mem:2048" };

    [Test]
    public async Task ANewLeader_OffersTheAgentsRevocableTotal_AsSoonAsItReregisters_WithoutANewReport()
    {
        using var cluster = new LiveCluster();
        using var etcd = await EtcdServer.StartAsync(cluster.Folder);
        var first = StartMaster(cluster, etcd, "master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster(cluster, etcd, "master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);

        using (var agent = new SchedulerClient(new Uri(firstUrl), "clustersim", cluster.Token) { EventBound = LiveCluster.StartTimeout })
        {
            var registered = await agent.PostAsync("/api/agents/register", Registration);
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await registered.Content.ReadAsStringAsync());
            var reported = await agent.PostAsync("/api/agents/a0/oversubscribed", new JsonObject { ["resources"] = "cpus:1;mem:512" });
            Assert.That(reported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reported.Content.ReadAsStringAsync());
        }
        // The registry is written behind the leader's back: wait until etcd holds the total.
        using (var client = new EtcdClient(etcd.Url))
        {
            var deadline = DateTime.UtcNow + Bound;
            while (string.IsNullOrEmpty(await client.GetValAsync(MasterRegistry.OversubscribedKey("a0"))))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the oversubscribed total never reached the registry");
                await Task.Delay(50); // a pace for the polls of etcd; the loop waits for the entry itself
            }
        }

        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        using var returning = new SchedulerClient(new Uri(secondUrl), "clustersim", cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var reregistered = await returning.PostAsync("/api/agents/register", Registration);
        Assert.That(reregistered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reregistered.Content.ReadAsStringAsync());
        Assert.That(JsonDocument.Parse(await reregistered.Content.ReadAsStringAsync()).RootElement.GetProperty("reregistered").GetBoolean(), Is.True,
            "the new leader knew the agent from the registry");

        using (var state = JsonDocument.Parse(await (await returning.GetAsync("/state")).Content.ReadAsStringAsync()))
        {
            var a0 = state.RootElement.GetProperty("agents").EnumerateArray().Single();
            Assert.That((a0.GetProperty("cpusRevocable").GetDouble(), a0.GetProperty("memRevocable").GetDouble()), Is.EqualTo((1.0, 512.0)),
                "the new leader has the total the agent reported to the old one");
        }
        var subscribe = SchedulerClient.SubscribeCall("slack", "analytics");
        subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" });
        var (stream, response) = await returning.SubscribeAsync(subscribe);
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        static bool Revocable(JsonElement offer) => offer.GetProperty("resources").EnumerateArray().All(r => r.TryGetProperty("revocable", out _));
        var offers = await events.NextAsync("OFFERS", e => e.GetProperty("offers").GetProperty("offers").EnumerateArray().Any(Revocable));
        var offer = offers.GetProperty("offers").GetProperty("offers").EnumerateArray().First(Revocable);
        Assert.That(offer.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "cpus")
            .GetProperty("scalar").GetProperty("value").GetDouble(), Is.EqualTo(1));
        Assert.That(second.Output, Does.Contain("agent a0: oversubscribed resources cpus:1;mem:512 restored from the registry"));
    }
}
