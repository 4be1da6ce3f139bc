using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Oversubscription;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// POST /api/agents/{name}/oversubscribed: an agent reports its oversubscribed (revocable) total, as a Mesos
/// agent's UpdateSlaveMessage does. The master sets it in its allocator, which offers it to a framework with
/// REVOCABLE_RESOURCES, and a changed total rescinds the outstanding revocable offers first
/// (src/master/master.cpp, Master::updateSlave).
/// </summary>
public class OversubscribedReportTests
{
    private static JsonObject Subscribe(string name, string role) => new()
    {
        ["type"] = "SUBSCRIBE",
        ["subscribe"] = new JsonObject
        {
            ["framework_info"] = new JsonObject
            {
                ["name"] = name,
                ["role"] = role,
                ["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" }),
            },
        },
    };

    private static bool IsRevocable(JsonElement offer) =>
        offer.GetProperty("resources").EnumerateArray().All(r => r.TryGetProperty("revocable", out var info) && info.ValueKind == JsonValueKind.Object);

    private static async Task<JsonElement> RevocableOfferAsync(SchedulerClient.EventStream events)
    {
        while (true)
        {
            var e = await events.NextAsync("OFFERS");
            foreach (var offer in e.GetProperty("offers").GetProperty("offers").EnumerateArray())
                if (IsRevocable(offer)) return offer;
        }
    }

    private static double Cpus(JsonElement offer) =>
        offer.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "cpus").GetProperty("scalar").GetProperty("value").GetDouble();

    private static Task<HttpResponseMessage> ReportAsync(SchedulerClient agent, string agentName, string? resources) =>
        agent.PostAsync($"/api/agents/{agentName}/oversubscribed", new JsonObject { ["resources"] = resources });

    [Test]
    public async Task AReportedTotal_IsOfferedRevocable_AndAChange_RescindsTheOutstandingRevocableOffer()
    {
        await using var master = await ApiMaster.StartAsync(agentResources: "cpus:2;mem:2048", revocable: true);
        using var agent = master.Client("agents", "s3cret-agents");
        using var framework = master.Client("analytics", "s3cret-an");
        var (stream, response) = await framework.SubscribeAsync(Subscribe("slack", "analytics"));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;

        var set = await ReportAsync(agent, "agent-0", "cpus:1;mem:512");
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        Assert.That(JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement.GetProperty("changed").GetBoolean(), Is.True);
        var first = await RevocableOfferAsync(events);
        Assert.That(Cpus(first), Is.EqualTo(1));
        var firstId = first.GetProperty("id").GetProperty("value").GetString();

        var same = await ReportAsync(agent, "agent-0", "cpus:1;mem:512");
        Assert.That(JsonDocument.Parse(await same.Content.ReadAsStringAsync()).RootElement.GetProperty("changed").GetBoolean(), Is.False,
            "an unchanged total changes nothing");

        var lower = await ReportAsync(agent, "agent-0", "cpus:0.5;mem:256");
        Assert.That(lower.StatusCode, Is.EqualTo(HttpStatusCode.OK), await lower.Content.ReadAsStringAsync());
        await events.NextAsync("RESCIND", e => e.GetProperty("rescind").GetProperty("offer_id").GetProperty("value").GetString() == firstId);
        var second = await RevocableOfferAsync(events);
        Assert.That(Cpus(second), Is.EqualTo(0.5), "the new total is offered in place of the rescinded one");
        Assert.That(await master.OnLoop(() => ((IOversubscribedTotals)master.Master.Allocator).OversubscribedOn(master.Master.Agents.Single())),
            Is.EqualTo(R.Parse("cpus:0.5;mem:256")));
    }

    [TestCase(null, HttpStatusCode.BadRequest)]
    [TestCase("cpus:lots", HttpStatusCode.BadRequest)]
    [TestCase("cpus:-1", HttpStatusCode.BadRequest)]
    public async Task ABadReport_IsRefused_NamingTheField(string? resources, HttpStatusCode status)
    {
        await using var master = await ApiMaster.StartAsync(revocable: true);
        using var agent = master.Client("agents", "s3cret-agents");
        var refused = await ReportAsync(agent, "agent-0", resources);
        Assert.That(refused.StatusCode, Is.EqualTo(status));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("field 'resources'"));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task WithoutOversubscription_AnUnknownAgent_OrAFrameworkCredential_AreRefused()
    {
        await using var plain = await ApiMaster.StartAsync();
        using var agent = plain.Client("agents", "s3cret-agents");
        var conflict = await ReportAsync(agent, "agent-0", "cpus:1");
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await conflict.Content.ReadAsStringAsync(), Does.Contain("without --oversubscription"));

        await using var revocable = await ApiMaster.StartAsync(revocable: true);
        using var agentThere = revocable.Client("agents", "s3cret-agents");
        Assert.That((await ReportAsync(agentThere, "nobody", "cpus:1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var framework = revocable.Client("analytics", "s3cret-an");
        Assert.That((await ReportAsync(framework, "agent-0", "cpus:1")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
