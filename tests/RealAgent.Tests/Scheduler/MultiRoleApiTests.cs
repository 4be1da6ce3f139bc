using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Scheduler;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>Frameworks in several roles over the scheduler API, as Mesos's MULTI_ROLE (include/mesos/v1/mesos.proto,
/// src/master/validation.cpp validateRoles; scheduler.proto Suppress/Revive roles, UpdateFramework).</summary>
public class MultiRoleApiTests
{
    private static JsonObject Subscribe(JsonObject info) =>
        new() { ["type"] = "SUBSCRIBE", ["subscribe"] = new JsonObject { ["framework_info"] = info } };

    private static JsonObject MultiRole(string name, params string[] roles) => new()
    {
        ["name"] = name,
        ["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()),
        ["capabilities"] = new JsonArray(new JsonObject { ["type"] = "MULTI_ROLE" }),
    };

    private static JsonArray Resources(double cpus, double mem, string? role = null)
    {
        JsonObject One(string name, double value)
        {
            var r = new JsonObject { ["name"] = name, ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = value } };
            if (role != null) r["allocation_info"] = new JsonObject { ["role"] = role };
            return r;
        }
        return new JsonArray(One("cpus", cpus), One("mem", mem));
    }

    private static JsonObject Launch(string offer, string task, JsonArray resources) => new()
    {
        ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
        ["operations"] = new JsonArray(new JsonObject
        {
            ["type"] = "LAUNCH",
            ["launch"] = new JsonObject
            {
                ["task_infos"] = new JsonArray(new JsonObject
                {
                    ["name"] = task,
                    ["task_id"] = new JsonObject { ["value"] = task },
                    ["resources"] = resources,
                }),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static async Task<string> RefusalAsync(HttpResponseMessage response) => (await response.Content.ReadAsStringAsync()).Trim();

    /// <summary>Offers until one for each of <paramref name="roles"/> has come: offer id by role.</summary>
    private static async Task<Dictionary<string, JsonElement>> OffersByRoleAsync(SchedulerClient.EventStream events, params string[] roles)
    {
        var byRole = new Dictionary<string, JsonElement>();
        while (!roles.All(byRole.ContainsKey))
        {
            var e = await events.NextAsync("OFFERS");
            foreach (var offer in e.GetProperty("offers").GetProperty("offers").EnumerateArray())
                byRole[offer.GetProperty("allocation_info").GetProperty("role").GetString()!] = offer;
        }
        return byRole;
    }

    [TestCase("""{"name":"f","roles":["analytics"]}""", "subscribe.framework_info.roles", "must not be set when the framework is not MULTI_ROLE capable")]
    [TestCase("""{"name":"f","role":"analytics","roles":["analytics"],"capabilities":[{"type":"MULTI_ROLE"}]}""", "subscribe.framework_info.role", "must not be set when the framework is MULTI_ROLE capable")]
    [TestCase("""{"name":"f","capabilities":[{"type":"MULTI_ROLE"}]}""", "subscribe.framework_info.roles", "expected a list of role names")]
    [TestCase("""{"name":"f","roles":["analytics","analytics"],"capabilities":[{"type":"MULTI_ROLE"}]}""", "subscribe.framework_info.roles[1]", "duplicate role 'analytics'")]
    [TestCase("""{"name":"f","roles":["analytics","a b"],"capabilities":[{"type":"MULTI_ROLE"}]}""", "subscribe.framework_info.roles[1]", "")]
    [TestCase("""{"name":"f","roles":[],"capabilities":[{"type":"MULTI_ROLE"}]}""", "subscribe.framework_info.roles", "expected at least one role")]
    [TestCase("""{"name":"f","role":"analytics"}""", "subscribe.suppressed_roles[0]", "role 'batch' is not one of the framework's roles")]
    public async Task MisstatedRoles_Are400NamingTheField(string info, string field, string problem)
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("multi", "s3cret-multi");
        var call = Subscribe(JsonNode.Parse(info)!.AsObject());
        if (field.Contains("suppressed_roles")) call["subscribe"]!["suppressed_roles"] = new JsonArray("batch");

        var (stream, response) = await client.SubscribeAsync(call);

        Assert.That(stream, Is.Null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await RefusalAsync(response), Does.StartWith($"400: {field}: {problem}"));
    }

    [Test]
    public async Task ARoleThePrincipalMayNotUse_Is403_NamingTheRole()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");

        var (_, response) = await client.SubscribeAsync(Subscribe(MultiRole("f", "analytics", "batch")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await RefusalAsync(response), Does.Contain("role 'batch'"));
    }

    [Test]
    public async Task AMultiRoleFramework_IsOfferedPerRole_AndItsTasksAreAccountedInTheOffersRole()
    {
        await using var master = await ApiMaster.StartAsync(agents: 2, agentResources: "cpus:2;mem:2048");
        using var client = master.Client("multi", "s3cret-multi");
        var (stream, _) = await client.SubscribeAsync(Subscribe(MultiRole("m", "analytics", "batch")));
        using var events = stream!;

        // Two empty roles, two agents: DRF gives one agent to each role, each offer naming its role, and so
        // does each of its resources.
        var offers = await OffersByRoleAsync(events, "analytics", "batch");
        var batch = offers["batch"];
        Assert.That(batch.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("allocation_info").GetProperty("role").GetString()),
            Is.All.EqualTo("batch"));
        var batchOffer = batch.GetProperty("id").GetProperty("value").GetString()!;

        // A task whose resources name another role than the offer's is refused, naming the field.
        var wrong = await events.CallAsync("ACCEPT", Launch(batchOffer, "t0", Resources(1, 128, role: "analytics")));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await RefusalAsync(wrong), Does.StartWith(
            "400: accept.operations[0].launch.task_infos[0].resources[0].allocation_info.role: expected the offers' allocation role 'batch', found 'analytics'"));

        var accepted = await events.CallAsync("ACCEPT", Launch(batchOffer, "t1", Resources(1, 128, role: "batch")));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await RefusalAsync(accepted));
        await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_RUNNING");

        var id = new Core.Ids.FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));
        var (roles, inBatch) = await master.OnLoop(() =>
            (master.Master.FrameworkInfoOf(id).Roles.ToArray(), master.Master.Allocator.Allocation(id, "batch")));
        Assert.That(roles, Is.EqualTo(new[] { "analytics", "batch" }));
        // What it holds in batch: the task, plus the rest of offers made to batch since (refuse 0 s).
        Assert.That(inBatch.Cpus, Is.GreaterThanOrEqualTo(1));
        var taskRole = await master.OnLoop(() => master.Master.Allocator.Allocation(id, "analytics").Cpus);
        Assert.That(taskRole + inBatch.Cpus, Is.LessThanOrEqualTo(4));
    }

    [Test]
    public async Task SuppressAndRevive_NameRoles_AndARoleNotSubscribedTo_Is400()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("multi", "s3cret-multi");
        var (stream, _) = await client.SubscribeAsync(Subscribe(MultiRole("m", "analytics", "batch")));
        using var events = stream!;
        var id = new Core.Ids.FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));

        var suppress = await events.CallAsync("SUPPRESS", new JsonObject { ["roles"] = new JsonArray("batch") });
        Assert.That(suppress.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await master.OnLoop(() => master.Master.SuppressedRoles(id).ToArray()), Is.EqualTo(new[] { "batch" }));

        var unknown = await events.CallAsync("SUPPRESS", new JsonObject { ["roles"] = new JsonArray("web") });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await RefusalAsync(unknown), Does.StartWith("400: suppress.roles[0]: role 'web' is not one of the framework's subscribed roles"));

        var all = await events.CallAsync("SUPPRESS");
        Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await master.OnLoop(() => master.Master.SuppressedRoles(id).Order().ToArray()), Is.EqualTo(new[] { "analytics", "batch" }));

        var revive = await events.CallAsync("REVIVE", new JsonObject { ["roles"] = new JsonArray("analytics") });
        Assert.That(revive.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await master.OnLoop(() => master.Master.SuppressedRoles(id).ToArray()), Is.EqualTo(new[] { "batch" }));
    }

    [Test]
    public async Task SubscribingWithSuppressedRoles_OffersOnlyTheOthers()
    {
        await using var master = await ApiMaster.StartAsync(agents: 2, agentResources: "cpus:2;mem:2048");
        using var client = master.Client("multi", "s3cret-multi");
        var call = Subscribe(MultiRole("m", "analytics", "batch"));
        call["subscribe"]!["suppressed_roles"] = new JsonArray("batch");
        var (stream, _) = await client.SubscribeAsync(call);
        using var events = stream!;

        var first = await events.NextAsync("OFFERS");

        // Both agents go to analytics, the only role it wants offers in.
        var roles = first.GetProperty("offers").GetProperty("offers").EnumerateArray()
            .Select(o => o.GetProperty("allocation_info").GetProperty("role").GetString()).ToArray();
        Assert.That(roles, Is.EqualTo(new[] { "analytics", "analytics" }));
    }

    [Test]
    public async Task UpdateFramework_ChangesTheRoles_AndChecksTheId()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("multi", "s3cret-multi");
        var (stream, _) = await client.SubscribeAsync(Subscribe(MultiRole("m", "analytics")));
        using var events = stream!;
        var id = new Core.Ids.FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));

        var info = MultiRole("m", "analytics", "batch");
        info["id"] = new JsonObject { ["value"] = "99" };
        var mismatch = await events.CallAsync("UPDATE_FRAMEWORK", new JsonObject { ["framework_info"] = info.DeepClone() });
        Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await RefusalAsync(mismatch), Does.StartWith($"400: update_framework.framework_info.id: expected the call's framework_id '{events.FrameworkId}'"));

        info["id"] = new JsonObject { ["value"] = events.FrameworkId };
        var updated = await events.CallAsync("UPDATE_FRAMEWORK", new JsonObject
        {
            ["framework_info"] = info.DeepClone(),
            ["suppressed_roles"] = new JsonArray("analytics"),
        });
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await RefusalAsync(updated));
        var (roles, suppressed) = await master.OnLoop(() =>
            (master.Master.FrameworkInfoOf(id).Roles.ToArray(), master.Master.SuppressedRoles(id).ToArray()));
        Assert.That(roles, Is.EqualTo(new[] { "analytics", "batch" }));
        Assert.That(suppressed, Is.EqualTo(new[] { "analytics" }));

        // Roles the principal may not use are refused.
        info["roles"] = new JsonArray("analytics", "web");
        var forbidden = await events.CallAsync("UPDATE_FRAMEWORK", new JsonObject { ["framework_info"] = info.DeepClone() });
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task TheHttpDriver_SubscribesInSeveralRoles_AndTheBatchFrameworkRunsOnOffersOfEither()
    {
        await using var master = await ApiMaster.StartAsync(agents: 2, agentResources: "cpus:1;mem:1024");
        using var loop = new LiveLoop(timeScale: 10);
        loop.Start();
        await using var driver = new HttpSchedulerDriver([master.Address], "multi", "s3cret-multi", loop, _ => { });
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await loop.InvokeAsync(() =>
        {
            var settings = new FrameworkSettings("m", "analytics") { Roles = ["analytics", "batch"], Refuse = new OfferFilter(Core.Timing.Duration.FromSeconds(1)) };
            var f = new BatchFramework(loop, driver, settings) { Drained = () => drained.TrySetResult() };
            f.Start([new Workloads.Model.WorkloadJob("j", Core.Timing.Time.Zero,
                Enumerable.Range(0, 2).Select(i => new Workloads.Model.WorkloadTask(i, $"t{i}", Core.Resources.Resources.Of(cpus: 1, mem: 256),
                    Core.Timing.Duration.FromSeconds(30), Core.Timing.Time.Zero, 0, Workloads.Model.TaskOutcome.Finished, Workloads.Model.WorkloadTask.NoParents)).ToArray())]);
            return true;
        });
        await driver.Subscribed.WaitAsync(ApiMaster.Bound);
        await drained.Task.WaitAsync(ApiMaster.Bound);

        var id = driver.Framework;
        // Both agents were offered, one to each role; the driver's resources named the offers' roles.
        Assert.That(await master.OnLoop(() => master.Master.FrameworkInfoOf(id).Roles.ToArray()), Is.EqualTo(new[] { "analytics", "batch" }));
    }
}
