using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

public class ScenarioFailureTests
{
    private const string Base = """
        name: probe
        steps:
          - addAgent: { id: a1, resources: "cpus:2;mem:1024" }
          - addFramework: { id: fw1, role: role1 }

        """;

    private static ScenarioResult Run(string steps) =>
        new ScenarioRun(ScenarioParser.Parse("probe.yaml", Base + steps)).Execute();

    private static ConfigException ParseError(string yaml) =>
        Assert.Throws<ConfigException>(() => ScenarioParser.Parse("bad.yaml", yaml))!;

    [Test]
    public void A_WrongOfferExpectation_Fails_NamingTheStep_WhatWasExpected_AndWhatWasSeen()
    {
        var result = Run("  - expectOffers: [ { framework: fw1, agent: a1, resources: \"cpus:1;mem:1024\" } ]\n");
        Assert.That(result.Passed, Is.False);
        var failure = result.Failures.Single();
        Assert.That(failure.Step, Is.EqualTo("step 3"));
        Assert.That(failure.ToString(), Does.Contain("expectOffers").And.Contain("line 5"));
        Assert.That(failure.Message, Does.Contain("expected offers [fw1 on a1 cpus:1;mem:1024]"));
        Assert.That(failure.Message, Does.Contain("saw [fw1 on a1 cpus:2;mem:1024]"));
    }

    [Test]
    public void Accepting_OffersForTwoRoles_Together_IsRefused_AndNothingLaunches()
    {
        // Mesos's offer validation: aggregated offers must be allocated to the same role.
        var result = new ScenarioRun(ScenarioParser.Parse("probe.yaml", """
            name: probe
            steps:
              - addFramework: { id: m, roles: [a, b] }
              - addAgent: { id: a1, resources: "cpus:1;mem:512;cpus(b):1;mem(b):512" }
              - accept: { framework: m, agent: a1, tasks: [ { id: t1, resources: "cpus:2;mem:1024" } ] }
              - expectRunning: { m: 0 }

            """)).Execute();
        Assert.That(result.Failures.Single().Message, Does.Contain("the master refused the accept: Invalid"));
    }

    [TestCase("true", "cpus:2;mem:512", "tasks need cpus:2;mem:512 reserved but the offers hold cpus:1;mem:512 reserved")]
    [TestCase("false", "cpus:3;mem:512", "tasks need cpus:3;mem:512 unreserved but the offers hold cpus:2;mem:1024 unreserved")]
    public void A_Task_AskingForMoreReservedOrUnreservedThanOffered_FailsTheAccept(string reserved, string resources, string why)
    {
        var result = new ScenarioRun(ScenarioParser.Parse("probe.yaml", $$"""
            name: probe
            steps:
              - addFramework: { id: fw, role: db }
              - addAgent: { id: a1, resources: "cpus:2;mem:1024;cpus(db):1;mem(db):512" }
              - accept: { framework: fw, agent: a1, tasks: [ { id: t1, resources: "{{resources}}", reserved: {{reserved}} } ] }
              - expectRunning: { fw: 0 }

            """)).Execute();
        Assert.That(result.Failures.Single().Message, Does.Contain("the master refused the accept: Invalid"));
        Assert.That(result.Log, Has.Some.Contains(why));
    }

    [TestCase("  - addFramework: { id: fw2, role: a, roles: [a, b] }\n", "give role or roles, not both")]
    [TestCase("  - addFramework: { id: fw2, roles: [a, a] }\n", "role 'a' is given twice")]
    [TestCase("  - addFramework: { id: fw2, roles: [a, \"/b\"] }\n", "cannot start with a slash")]
    [TestCase("  - suppress: { framework: fw1, role: [a] }\n", "did you mean roles")]
    public void Bad_MultiRoleInput_IsRejected_NamingTheKey(string step, string message)
    {
        var e = ParseError(Base + step);
        Assert.That(e.Message, Does.StartWith("bad.yaml:").And.Contain(message));
    }

    [Test]
    public void A_WrongCount_InsideARepeat_NamesTheNestedStep()
    {
        var result = Run("  - repeat: { times: 2, steps: [ { advance: 1s }, { expectRunning: { fw1: 3 } } ] }\n");
        Assert.That(result.Failures.Select(f => f.Step), Is.EqualTo(new[] { "step 3.2", "step 3.2" }));
        Assert.That(result.Failures[0].Message, Does.Contain("fw1: expected 3, saw 0"));
    }

    [Test]
    public void Accepting_WithoutAnOutstandingOffer_FailsTheStep()
    {
        var result = Run("""
              - declineAll: { framework: fw1, refuse: 1h }
              - accept: { framework: fw1, agent: a1, tasks: [ { id: t1, resources: "cpus:1" } ] }

            """);
        Assert.That(result.Failures.Single().Message, Does.Contain("holds no offer on a1"));
    }

    [Test]
    public void Accepting_TasksThatDoNotFit_FailsTheStep()
    {
        var result = Run("  - accept: { framework: fw1, agent: a1, tasks: [ { id: t1, resources: \"cpus:3\" } ] }\n");
        Assert.That(result.Failures.Single().Message, Does.Contain("need cpus:3"));
    }

    [Test]
    public void Expectations_AfterAFailure_StillRun()
    {
        var result = Run("""
              - expectRunning: { fw1: 1 }
              - expectShares: { frameworks: { fw1: 0.5 } }

            """);
        Assert.That(result.Failures.Select(f => f.Key), Is.EqualTo(new[] { "expectRunning", "expectShares" }));
        Assert.That(result.Failures[1].Message, Does.Contain("expected 0.5, saw 1"));
    }

    [Test]
    public void An_UnknownKey_IsAnError_NamingFileStepAndKey()
    {
        var e = ParseError(Base + "  - addAgent: { id: a2, resources: \"cpus:1\", rack: r1 }\n");
        Assert.That(e.Message, Does.StartWith("bad.yaml:5:"));
        Assert.That(e.Message, Does.Contain("step 3").And.Contain("rack").And.Contain("unknown key"));
    }

    [Test]
    public void An_UnknownId_IsAnError()
    {
        var e = ParseError(Base + "  - decline: { framework: fw9, agent: a1 }\n");
        Assert.That(e.Message, Does.Contain("step 3").And.Contain("framework").And.Contain("unknown framework id 'fw9'"));
    }

    [Test]
    public void A_MalformedResource_IsAnError()
    {
        var e = ParseError(Base + "  - addAgent: { id: a2, resources: \"cpus:x\" }\n");
        Assert.That(e.Message, Does.Contain("step 3").And.Contain("resources").And.Contain("expected a number for cpus"));
    }

    [Test]
    public void A_MalformedDuration_IsAnError()
    {
        var e = ParseError(Base + "  - advance: 5 minutes\n");
        Assert.That(e.Message, Does.Contain("step 3").And.Contain("advance").And.Contain("unit"));
    }

    [Test]
    public void An_UnknownStep_IsAnError_ListingTheSteps()
    {
        var e = ParseError(Base + "  - teleport: a1\n");
        Assert.That(e.Message, Does.Contain("unknown step 'teleport'").And.Contain("expectOffers"));
    }

    [Test]
    public void An_UnknownTopLevelKey_IsAnError()
    {
        var e = ParseError("name: x\nsteps: []\ncolour: blue\n");
        Assert.That(e.Message, Does.StartWith("bad.yaml:3:1").And.Contain("colour"));
    }

    [Test]
    public void An_UnknownPolicy_IsAnError_ListingThePolicies()
    {
        var e = ParseError("name: x\nallocation: { policy: lottery }\nsteps: []\n");
        Assert.That(e.Message, Does.Contain("allocation.policy").And.Contain("lottery").And.Contain("drf"));
    }

    [Test]
    public void An_UnknownSorter_IsAnError_NamingTheKey_AndListingTheSorters()
    {
        var e = ParseError("name: x\nallocation: { roleSorter: drf, frameworkSorter: lifo }\nsteps: []\n");
        Assert.That(e.Message, Does.Contain("allocation.frameworkSorter").And.Contain("lifo").And.Contain("fifo"));
    }

    [Test]
    public void A_WrongAllocation_Fails_NamingTheFramework_WhatWasExpected_AndWhatWasSeen()
    {
        var result = Run("  - expectAllocation: { frameworks: { fw1: \"cpus:1\" } }\n");
        Assert.That(result.Failures.Single().ToString(), Does.Contain("expectAllocation").And.Contain("fw1: expected cpus:1, saw"));
    }

    [Test]
    public void An_InvalidRoleName_IsAnError_NamingTheKey_AndTheRule()
    {
        var e = ParseError("name: x\nsteps:\n  - addFramework: { id: f, role: eng//web }\n");
        Assert.That(e.Message, Does.StartWith("bad.yaml:3").And.Contain("role").And.Contain("two adjacent slashes"));
    }

    [Test]
    public void Quota_OnANestedRole_IsAnError()
    {
        var e = ParseError("name: x\nroles:\n  eng/web: { quota: { guarantee: \"cpus:1\" } }\nsteps: []\n");
        Assert.That(e.Message, Does.Contain("top-level roles only"));
    }

    [Test]
    public void The_Sorters_OverrideWhatThePolicyShorthandStandsFor()
    {
        var scenario = ScenarioParser.Parse("s.yaml", "name: x\nallocation: { policy: static, frameworkSorter: fifo, partitions: { a: 1 } }\nsteps: []\n");
        Assert.That((scenario.Policy.RoleSorter, scenario.Policy.FrameworkSorter, scenario.Policy.Partitioned),
            Is.EqualTo(("drf", "fifo", true)));
        Assert.That(scenario.Policy.Name, Is.EqualTo("static drf/fifo"));
        var plain = ScenarioParser.Parse("s.yaml", "name: x\nallocation: { policy: asset }\nsteps: []\n");
        Assert.That(plain.Policy.Name, Is.EqualTo("asset"), "a shorthand alone is named as before");
    }

    [Test]
    public void The_Command_PrintsFailures_APassOrFailLinePerFile_AndTheClosingCount()
    {
        var dir = Directory.CreateTempSubdirectory("clustersim-scenario-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.yaml");
            var bad = Path.Combine(dir.FullName, "bad.yaml");
            var broken = Path.Combine(dir.FullName, "broken.yaml");
            File.WriteAllText(good, Base + "  - expectRunning: { fw1: 0 }\n");
            File.WriteAllText(bad, Base.Replace("probe", "wrong") + "  - expectOfferCounts: { fw1: 2 }\n");
            File.WriteAllText(broken, "name: [\n");
            var output = new StringWriter();
            int exit = ScenarioCommand.Run([new FileInfo(good), new FileInfo(bad), new FileInfo(broken)], false, output);
            var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            Assert.That(exit, Is.EqualTo(2), "a file that is not a valid scenario is a configuration error");
            Assert.That(lines[0], Is.EqualTo("PASS probe"));
            Assert.That(lines[1], Does.Contain("step 3 (expectOfferCounts, line 5): offer counts differ: fw1: expected 2, saw 1"));
            Assert.That(lines[2], Is.EqualTo("FAIL wrong"));
            Assert.That(lines[3], Does.Contain("broken.yaml").And.Contain("YAML syntax error"));
            Assert.That(lines[4], Does.StartWith("FAIL "));
            Assert.That(lines[^1], Is.EqualTo("1 passed, 2 failed"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
