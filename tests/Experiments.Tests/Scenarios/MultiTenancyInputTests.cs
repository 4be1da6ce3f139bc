using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

public class MultiTenancyInputTests
{
    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ScenarioParser.Parse("mt.yaml", yaml))!;

    [Test]
    public void A_NegativeQuota_IsRejected_NamingTheField()
    {
        var e = Error("name: x\nroles: { a: { quota: { guarantee: \"cpus:-1\" } } }\nsteps: []\n");
        Assert.That(e.Message, Does.Contain("roles.a.quota.guarantee").And.Contain("negative"));
    }

    [Test]
    public void A_LimitBelowTheGuarantee_IsRejected_NamingTheField()
    {
        var e = Error("name: x\nroles: { a: { quota: { guarantee: \"cpus:4\", limit: \"cpus:2;mem:10\" } } }\nsteps: []\n");
        Assert.That(e.Message, Does.Contain("roles.a.quota.limit").And.Contain("limit on cpus (2) is below the guarantee (4)"));
    }

    [Test]
    public void A_ReservationLargerThanTheAgent_IsRejected()
    {
        var e = Error("""
            name: x
            roles: { ml: {} }
            steps:
              - addAgent: { id: a1, resources: "cpus:2;mem:1024" }
              - reserve: { agent: a1, role: ml, resources: "cpus:4" }
            """);
        Assert.That(e.Message, Does.Contain("step 2").And.Contain("resources").And.Contain("more than agent 'a1' has"));
    }

    [Test]
    public void A_QuotaForAnUnknownRole_IsRejected()
    {
        var e = Error("""
            name: x
            steps:
              - setQuota: { role: ghost, guarantee: "cpus:1" }
            """);
        Assert.That(e.Message, Does.Contain("setQuota.role").And.Contain("unknown role 'ghost'"));
    }

    [Test]
    public void A_StaticReservationForAnUnknownRole_IsRejected()
    {
        var e = Error("""
            name: x
            steps:
              - addAgent: { id: a1, resources: "cpus:2;cpus(ghost):1" }
            """);
        Assert.That(e.Message, Does.Contain("unknown role 'ghost'"));
    }

    [Test]
    public void A_RoleGivenAFrameworkLater_IsKnown() =>
        Assert.DoesNotThrow(() => ScenarioParser.Parse("mt.yaml", """
            name: x
            steps:
              - setQuota: { role: later, guarantee: "cpus:1" }
              - addFramework: { id: f, role: later }
            """));

    [Test]
    public void Reserving_WhatIsInUse_FailsTheStep_WithTheReason()
    {
        var result = new ScenarioRun(ScenarioParser.Parse("mt.yaml", """
            name: x
            roles: { ml: {} }
            steps:
              - addAgent: { id: a1, resources: "cpus:2;mem:1024" }
              - addFramework: { id: f, role: r }
              - accept: { framework: f, agent: a1, tasks: [ { id: t, resources: "cpus:2;mem:1024" } ] }
              - reserve: { agent: a1, role: ml, resources: "cpus:1" }
            """)).Execute();
        Assert.That(result.Failures.Single().Message, Does.Contain("cannot reserve cpus:1 for role 'ml'"));
    }
}
