using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Security;

public class AccessControlListTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "acl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "acls.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Load_TheIssuesExample_GrantsWhatItSays()
    {
        var acl = AccessControlList.Load(Write("""
            principals:
              ops:       { secret: "s3cret-ops", operator: true }        # may call operator endpoints
              agents:    { secret: "s3cret-agents", agent: true }        # may register agents
              analytics: { secret: "s3cret-an", roles: [analytics] }     # may subscribe frameworks under these roles
            """));
        var ops = acl.Authenticate("ops", "s3cret-ops");
        Assert.That(ops, Is.Not.Null);
        Assert.That((ops!.Operator, ops.Agent, ops.IsFramework), Is.EqualTo((true, false, false)));
        var analytics = acl.Authenticate("analytics", "s3cret-an")!;
        Assert.That((analytics.MayUseRole("analytics"), analytics.MayUseRole("web"), analytics.Operator), Is.EqualTo((true, false, false)));
        Assert.That(acl.Authenticate("agents", "s3cret-agents")!.Agent, Is.True);
        Assert.That(acl.Authenticate("ops", "s3cret-an"), Is.Null, "another principal's secret");
        Assert.That(acl.Authenticate("nobody", "s3cret-ops"), Is.Null);
    }

    [TestCase("principals:\n  ops: { secret: \"x\", operatr: true }\n", 2, "principals.ops.operatr: unknown key")]
    [TestCase("principals:\n  ops: { operator: true }\n", 2, "principals.ops.secret: missing")]
    [TestCase("principals:\n  ops: { secret: \"x\", operator: yes }\n", 2, "principals.ops.operator: expected true or false")]
    [TestCase("principals:\n  ops: { secret: \"x\" }\n", 2, "principals.ops: grants nothing")]
    [TestCase("principals:\n  an: { secret: \"x\", roles: analytics }\n", 2, "principals.an.roles: expected a list")]
    [TestCase("principal:\n  ops: { secret: \"x\", operator: true }\n", 1, "principal: unknown key")]
    [TestCase("principals:\n  ops: { secret: \"x\", operator: true\n", 3, "yaml")]
    public void Load_Malformed_NamesFileLineAndKey(string text, int line, string expected)
    {
        var path = Write(text);
        var e = Assert.Throws<AclFileException>(() => AccessControlList.Load(path))!;
        Assert.That(e.Message, Does.StartWith($"{path}:{line}:"));
        Assert.That(e.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain("\"x\""), "secrets are never echoed");
    }
}
