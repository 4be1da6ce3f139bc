using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.RealAgent.Tests.Scheduler;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// <c>clustersim master --oversubscription</c>, a process on 127.0.0.1: an agent's reported oversubscribed
/// total (POST /api/agents/{name}/oversubscribed) reaches a REVOCABLE_RESOURCES framework as a revocable offer.
/// No Docker: the agent is this test, registering over HTTP, and no task is launched.
/// </summary>
[NonParallelizable]
public class OversubscribingMasterTests
{
    [Test]
    public async Task TheStandingMaster_WithOversubscription_OffersAnAgentsReportedRevocableTotal()
    {
        using var cluster = new LiveCluster();
        var master = cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--token-file", cluster.TokenFile, "--oversubscription");
        var url = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)/? \(policy drf, oversubscription\)", LiveCluster.StartTimeout)).Groups[1].Value;
        using var client = new SchedulerClient(new Uri(url), "clustersim", cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var registered = await client.PostAsync("/api/agents/register",
            new JsonObject { ["name"] = "a0", ["url"] = "http://127.0.0.1:9/", ["resources"] = "cpus:2;mem:2048" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await registered.Content.ReadAsStringAsync());
        var reported = await client.PostAsync("/api/agents/a0/oversubscribed", new JsonObject { ["resources"] = "cpus:1;mem:512" });
        Assert.That(reported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reported.Content.ReadAsStringAsync());

        var subscribe = SchedulerClient.SubscribeCall("slack", "analytics");
        subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" });
        var (stream, response) = await client.SubscribeAsync(subscribe);
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        var offers = await events.NextAsync("OFFERS", e => e.GetProperty("offers").GetProperty("offers").EnumerateArray()
            .Any(o => o.GetProperty("resources")[0].TryGetProperty("revocable", out _)));
        var offer = offers.GetProperty("offers").GetProperty("offers").EnumerateArray().First(o => o.GetProperty("resources")[0].TryGetProperty("revocable", out _));
        Assert.That(offer.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "cpus")
            .GetProperty("scalar").GetProperty("value").GetDouble(), Is.EqualTo(1));
        Assert.That(offer.GetProperty("resources").EnumerateArray().All(r => r.GetProperty("revocable").ValueKind == JsonValueKind.Object), Is.True);
    }
}
