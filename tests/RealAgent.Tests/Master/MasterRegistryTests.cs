using ClusterSim.RealAgent.Master.Registry;

namespace ClusterSim.RealAgent.Tests.Master;

/// <summary>Reading the registry's entries: every kind comes back, and an entry that cannot be parsed is
/// reported with its key and what was expected, never dropped in silence.</summary>
public class MasterRegistryTests
{
    private const string P = MasterRegistry.Prefix;

    [Test]
    public void EveryKindOfEntry_IsRead()
    {
        var contents = MasterRegistry.Parse(
        [
            (MasterRegistry.AgentKey("a1"), """{"name":"a1","url":"http://10.0.0.2:5051","resources":"cpus:2;mem:2048","attributes":{"rack":"r1"},"principal":"agents"}"""),
            (MasterRegistry.FrameworkKey(4), """{"id":4,"name":"web","role":"eng/web","principal":"web","failoverSeconds":60,"capabilities":["gpu"]}"""),
            (MasterRegistry.TaskKey("a1", 4, "web-0"), """{"agent":"a1","frameworkId":4,"taskId":"web-0","cpus":0.5,"mem":64}"""),
            (MasterRegistry.ReservationKey("a1", "eng/web"), """{"agent":"a1","role":"eng/web","resources":"cpus:1"}"""),
            (MasterRegistry.WeightKey("eng/web"), """{"weight":2.5}"""),
            (MasterRegistry.QuotaKey("eng"), """{"role":"eng","guarantee":"cpus:1","limit":"cpus:4"}"""),
            (MasterRegistry.MachineKey("a1"), """{"hostname":"a1","mode":"DOWN","startNanos":1795000000000000000,"durationNanos":3600000000000}"""),
            (MasterRegistry.MachineKey("a2"), """{"hostname":"a2","mode":"DRAINING","startNanos":1795000000000000000,"durationNanos":null}"""),
            (MasterRegistry.OversubscribedKey("a1"), """{"agent":"a1","resources":"cpus:1.5;mem:512"}"""),
        ]);
        Assert.That(contents.Problems, Is.Empty);
        Assert.That(contents.Agents.Single().Attributes["rack"], Is.EqualTo("r1"));
        Assert.That(contents.Frameworks.Single(), Is.EqualTo(contents.Frameworks[0] with { Id = 4, Name = "web", Role = "eng/web", FailoverSeconds = 60 }));
        Assert.That(contents.Tasks.Single().TaskId, Is.EqualTo("web-0"));
        Assert.That(contents.Reservations.Single().Role, Is.EqualTo("eng/web"));
        Assert.That(contents.Weights["eng/web"], Is.EqualTo(2.5));
        Assert.That(contents.Quotas.Single().Limit, Is.EqualTo("cpus:4"));
        Assert.That(contents.Machines, Is.EqualTo(new[]
        {
            new RegisteredMachine("a1", RegisteredMachine.Down, 1795000000000000000, 3600000000000),
            new RegisteredMachine("a2", RegisteredMachine.Draining, 1795000000000000000, null),
        }));
        Assert.That(contents.Oversubscribed, Is.EqualTo(new[] { new RegisteredOversubscribed("a1", "cpus:1.5;mem:512") }));
    }

    [Test]
    public void ATaskOnRevocableResources_ComesBackRevocable_AndAnOlderEntry_Regular()
    {
        var contents = MasterRegistry.Parse(
        [
            (MasterRegistry.TaskKey("a1", 4, "spare-0"), """{"agent":"a1","frameworkId":4,"taskId":"spare-0","cpus":0.5,"mem":64,"revocable":true}"""),
            (MasterRegistry.TaskKey("a1", 4, "web-0"), """{"agent":"a1","frameworkId":4,"taskId":"web-0","cpus":0.5,"mem":64}"""),
        ]);
        Assert.That(contents.Problems, Is.Empty);
        Assert.That(contents.Tasks.ToDictionary(t => t.TaskId, t => t.Revocable), Is.EqualTo(new Dictionary<string, bool> { ["spare-0"] = true, ["web-0"] = false }));
    }

    [Test]
    public void AMultiRoleFramework_ComesBackWithItsRoles()
    {
        var contents = MasterRegistry.Parse([(MasterRegistry.FrameworkKey(2),
            """{"id":2,"name":"spark","role":"prod","principal":"p","failoverSeconds":60,"capabilities":["multi_role"],"roles":["prod","dev"]}""")]);
        Assert.That(contents.Problems, Is.Empty);
        Assert.That(contents.Frameworks.Single().Roles, Is.EqualTo(new[] { "prod", "dev" }));
    }

    [TestCase("agents/a1", "{not json", "expected an agent")]
    [TestCase("agents/a1", """{"name":"a1","url":"http://x","resources":"cpus:lots","principal":"agents"}""", "resources:")]
    [TestCase("agents/a1", """{"name":"a2","url":"http://x","resources":"cpus:1","principal":"agents"}""", "name: 'a2' is not the key's agent")]
    [TestCase("frameworks/3", """{"id":3,"role":"web","principal":"p"}""", "name: expected a non-empty string")]
    [TestCase("frameworks/3", """{"id":3,"name":"m","role":"web","principal":"p","roles":["batch","web"]}""", "roles: expected the framework's roles without duplicates, its role 'web' first")]
    [TestCase("tasks/a1/0/t", """{"agent":"a1","frameworkId":0,"taskId":"t","cpus":-1,"mem":0}""", "cpus, mem")]
    [TestCase("weights/web", """{"weight":0}""", "weight: expected")]
    [TestCase("quota/web", """{"role":"web","guarantee":"cpus:x"}""", "")]
    [TestCase("gadgets/g1", "{}", "expected agents/, frameworks/, tasks/, reservations/, weights/, quota/, machines/ or oversubscribed/")]
    [TestCase("oversubscribed/a1", """{"agent":"a2","resources":"cpus:1"}""", "agent: 'a2' is not the key's agent")]
    [TestCase("oversubscribed/a1", """{"agent":"a1"}""", "resources: expected a non-empty string")]
    [TestCase("oversubscribed/a1", """{"agent":"a1","resources":"cpus:lots"}""", "cpus")]
    [TestCase("oversubscribed/a1", """{"agent":"a1","resources":"cpus:-1"}""", "cpus")]
    [TestCase("machines/m1", """{"hostname":"m1","mode":"UP","startNanos":0}""", "mode: expected DRAINING or DOWN, found 'UP'")]
    [TestCase("machines/m1", """{"hostname":"m2","mode":"DOWN","startNanos":0}""", "hostname: 'm2' is not the key's machine")]
    [TestCase("machines/m1", """{"hostname":"m1","mode":"DOWN","startNanos":0,"durationNanos":-1}""", "durationNanos: expected a duration that is not negative")]
    public void AnEntryThatCannotBeParsed_IsReportedWithItsKey(string key, string value, string expected)
    {
        var contents = MasterRegistry.Parse([(P + key, value), (MasterRegistry.WeightKey("ok"), """{"weight":1}""")]);
        Assert.That(contents.Problems, Has.Count.EqualTo(1));
        Assert.That(contents.Problems[0].Key, Is.EqualTo(P + key));
        Assert.That(contents.Problems[0].ToString(), Does.StartWith($"registry entry {P}{key}: ").And.Contain(expected));
        Assert.That(contents.Weights.Keys, Is.EqualTo(new[] { "ok" }), "the other entries are still read");
    }
}
