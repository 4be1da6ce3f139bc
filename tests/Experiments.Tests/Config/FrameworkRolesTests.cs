using ClusterSim.Experiments.Config;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>role / roles / workloads of a framework: what is read, and each mistake named by file, line and key.</summary>
public class FrameworkRolesTests
{
    private const string Head = """
        name: roles
        horizon: 1h
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:4096" } ] }
        frameworks:
          - name: spark

        """;

    private const string Work = """{ synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 10s }, task: "cpus:1;mem:512" } }""";

    private static ConfigException Error(string framework) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Head + framework))!;

    [Test]
    public void Roles_AreReadInOrder_WithWorkPerRole()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Head + $"""
                roles: [prod, dev]
                workloads: {"{"} prod: {Work}, dev: {Work} {"}"}

            """).Variants[0].Frameworks[0];

        Assert.That(spec.Settings.Roles, Is.EqualTo(new[] { "prod", "dev" }));
        Assert.That(spec.Settings.Role, Is.EqualTo("prod"));
        Assert.That(spec.RoleWorkloads!.Select(w => w.Role), Is.EqualTo(new[] { "prod", "dev" }));
        Assert.That(spec.Workload, Is.Null);
    }

    [TestCase("    role: prod\n    roles: [prod, dev]\n    workload: WORK\n", 7, "frameworks[0].roles", "expected either role (one role) or roles")]
    [TestCase("    roles: [prod, prod]\n    workload: WORK\n", 6, "frameworks[0].roles[1]", "role 'prod' is listed twice")]
    [TestCase("    roles: []\n    workload: WORK\n", 6, "frameworks[0].roles", "expected at least one role")]
    [TestCase("    roles: [prod, \"a b\"]\n    workload: WORK\n", 6, "frameworks[0].roles[1]", "")]
    [TestCase("    roles: [prod, dev]\n    workload: WORK\n    workloads: { prod: WORK }\n", 8, "frameworks[0].workloads", "expected either workload or workloads")]
    [TestCase("    roles: [prod, dev]\n    workloads: { web: WORK }\n", 7, "frameworks[0].workloads.web", "'web' is not one of the framework's roles (prod, dev)")]
    [TestCase("    role: prod\n    workloads: { prod: WORK }\n", 7, "frameworks[0].workloads", "with one role, use workload")]
    public void Mistakes_NameFileLineAndKey(string framework, int line, string key, string problem)
    {
        var e = Error(framework.Replace("WORK", Work, StringComparison.Ordinal));

        Assert.That(e.File, Is.EqualTo("exp.yaml"));
        Assert.That(e.Line, Is.EqualTo(line));
        Assert.That(e.Key, Is.EqualTo(key));
        Assert.That(e.Problem, Does.Contain(problem));
    }

    [Test]
    public void With_ARolesSection_EveryRoleOfAFramework_MustBeDeclared()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", $"""
            name: roles
            horizon: 1h
            cluster: {"{"} agents: [ {"{"} count: 1, resources: "cpus:4;mem:4096" {"}"} ] {"}"}
            roles: {"{"} prod: {"{"} weight: 1 {"}"}, dev: {"{"} weight: 1 {"}"} {"}"}
            frameworks:
              - name: spark
                roles: [prod, deb]
                workload: {Work}

            """))!;

        Assert.That(e.Line, Is.EqualTo(7));
        Assert.That(e.Key, Is.EqualTo("frameworks[0].roles[1]"));
        Assert.That(e.Problem, Does.StartWith("role 'deb' is not declared under roles; did you mean dev?"));
    }

    [Test]
    public void A_GangFramework_TakesWorkPerRole()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Head + $"""
                kind: gang
                roles: [prod, dev]
                workloads: {"{"} prod: {Work}, dev: {Work} {"}"}

            """).Variants[0].Frameworks[0];
        Assert.That(spec.RoleWorkloads!.Select(w => w.Role), Is.EqualTo(new[] { "prod", "dev" }));
    }

    [Test]
    public void A_Service_WithWorkPerRole_IsAnError_NamingFileLineAndKey()
    {
        var e = Error($"""
                kind: service
                roles: [prod, dev]
                instance: "cpus:1;mem:512"
                instances: 2
                workloads: {"{"} prod: {Work} {"}"}

            """);
        Assert.That((e.File, e.Line, e.Key), Is.EqualTo(("exp.yaml", 10, "frameworks[0].workloads")));
        Assert.That(e.Problem, Does.Contain("does not apply to a service"));
    }
}
