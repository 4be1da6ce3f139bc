using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Tests.Faults;

public class FaultsSectionTests
{
    private const string Base = """
        name: probe
        horizon: 4h
        cluster: { agents: [ { count: 4, resources: "cpus:4;mem:8192", attributes: { rack: "r{i%2}" } }, { count: 2, resources: "cpus:8;mem:8192" } ] }
        frameworks:
          - name: hadoop
            role: analytics
            workload: { synthetic: { jobs: 2, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }

        """;

    /// <summary>The example of the issue that asked for faults, as written there.</summary>
    private const string Example = """
        faults:
          agents:
            mtbf: { exponential: { mean: 10h } }
            repair: { exponential: { mean: 1h } }
            select: { group: 0 }
          racks:
            attribute: rack
            mtbf: { exponential: { mean: 7d } }
            repair: { constant: 30m }
          tasks:
            - { framework: hadoop, failureProbability: 0.02 }
          master:
            failovers: [2h, 5h]
            reregistration: { uniform: [5s, 60s] }
            resubscribe: { constant: 10s }
          messages:
            statusUpdateLoss: 0.01
            delay: { exponential: { mean: 20ms } }

        """;

    private static ExperimentFile Parse(string text) => ExperimentParser.Parse("exp.yaml", text);

    private static ConfigException Error(string text) => Assert.Throws<ConfigException>(() => Parse(text))!;

    [Test]
    public void TheIssuesExample_ReadsEveryPart()
    {
        var spec = Parse(Base + Example).Variants[0];
        var f = spec.Faults;
        Assert.That(f.Agents, Is.EqualTo(new AgentFaults(new Distribution(DistributionKind.Exponential, 36000),
            new Distribution(DistributionKind.Exponential, 3600), f.Agents!.Groups)));
        Assert.That(f.Agents.Groups, Is.EqualTo(new[] { 0 }));
        Assert.That(f.Racks, Is.EqualTo(new RackFaults("rack", new Distribution(DistributionKind.Exponential, 7 * 86400), Distribution.Constant(1800))));
        Assert.That(f.Tasks, Is.EqualTo(new[] { new TaskFaults("hadoop", 0.02) }));
        Assert.That(f.Master!.Failovers, Is.EqualTo(new[] { Duration.FromHours(2), Duration.FromHours(5) }));
        Assert.That(f.Master.Reregistration, Is.EqualTo(new Distribution(DistributionKind.Uniform, 5, 60)));
        Assert.That(f.Master.Resubscribe, Is.EqualTo(Distribution.Constant(10)));
        Assert.That(f.Master.ReregistrationTimeout, Is.EqualTo(Duration.FromMinutes(10)));
        Assert.That(f.Messages, Is.EqualTo(new MessageFaults(0.01, new Distribution(DistributionKind.Exponential, 0.02), Duration.FromSeconds(1))));
        Assert.That(spec.RecordsFaults, Is.True);
    }

    [Test]
    public void WithoutFaults_NothingFailsAndNothingIsRecorded()
    {
        var spec = Parse(Base).Variants[0];
        Assert.That(spec.Faults.IsEmpty, Is.True);
        Assert.That(spec.RecordsFaults, Is.False);
    }

    [Test]
    public void AVariant_ChangesTheFaults_AndEveryVariantRecordsThem()
    {
        var file = Parse(Base + """
            faults: { agents: { mtbf: { exponential: { mean: 10h } }, repair: { constant: 1h } } }
            variants:
              - { name: healthy, faults: { agents: null } }
              - { name: shorter, faults: { agents: { mtbf: { exponential: { mean: 2h } } } } }

            """);
        Assert.That(file.Variants[0].Faults.IsEmpty, Is.True);
        Assert.That(file.Variants[1].Faults.Agents!.Mtbf, Is.EqualTo(new Distribution(DistributionKind.Exponential, 7200)));
        Assert.That(file.Variants[1].Faults.Agents!.Repair, Is.EqualTo(Distribution.Constant(3600)));
        Assert.That(file.Variants.All(v => v.RecordsFaults), Is.True);
    }

    [Test]
    public void AnUnknownKey_IsNamedWithItsLine_AndTheKnownKeys()
    {
        var e = Error(Base + "faults:\n  agents: { mtfb: { constant: 1h }, repair: { constant: 1h } }\n");
        Assert.That(e.Message, Does.Contain("exp.yaml:9:").And.Contain("faults.agents.mtfb").And.Contain("unknown key").And.Contain("mtbf"));
    }

    [Test]
    public void AnUnknownFramework_IsAnError()
    {
        var e = Error(Base + "faults: { tasks: [ { framework: hadop, failureProbability: 0.1 } ] }\n");
        Assert.That(e.Message, Does.Contain("faults.tasks[0].framework").And.Contain("unknown framework 'hadop'").And.Contain("hadoop"));
    }

    [Test]
    public void AProbabilityAboveOne_IsAnError()
    {
        var e = Error(Base + "faults: { tasks: [ { framework: hadoop, failureProbability: 1.5 } ] }\n");
        Assert.That(e.Message, Does.Contain("failureProbability").And.Contain("expected a probability from 0 to 1"));
    }

    [Test]
    public void CertainLoss_IsAnError_ForItWouldResendForever()
    {
        var e = Error(Base + "faults: { messages: { statusUpdateLoss: 1 } }\n");
        Assert.That(e.Message, Does.Contain("statusUpdateLoss").And.Contain("less than 1"));
    }

    [Test]
    public void ARackAttributeNoAgentHas_IsAnError()
    {
        var e = Error(Base + "faults: { racks: { attribute: rak, mtbf: { constant: 1h }, repair: { constant: 1h } } }\n");
        Assert.That(e.Message, Does.Contain("faults.racks.attribute").And.Contain("no agent group has the attribute 'rak'").And.Contain("rack"));
    }

    [Test]
    public void AGroupThatDoesNotExist_IsAnError()
    {
        var e = Error(Base + "faults: { agents: { mtbf: { constant: 1h }, repair: { constant: 1h }, select: { group: 2 } } }\n");
        Assert.That(e.Message, Does.Contain("faults.agents.select.group").And.Contain("from 0 to 1"));
    }

    [Test]
    public void FailoversAndMtbfTogether_AreAnError()
    {
        var e = Error(Base + "faults: { master: { failovers: [1h], mtbf: { constant: 1h } } }\n");
        Assert.That(e.Message, Does.Contain("faults.master").And.Contain("not both failovers and mtbf"));
    }

    [Test]
    public void AZeroTimeToFailure_IsAnError()
    {
        var e = Error(Base + "faults: { agents: { mtbf: { constant: 0s }, repair: { constant: 1h } } }\n");
        Assert.That(e.Message, Does.Contain("faults.agents.mtbf").And.Contain("positive time to failure"));
    }

    [Test]
    public void FaultEvents_AreRead_AndNameKnownAgents()
    {
        var spec = Parse(Base + """
            events:
              - { at: 1h, failAgent: { agent: agent-0-1, repairAfter: 10m } }
              - { at: 2h, repairAgent: { agent: agent-0-1 } }
              - { at: 3h, failRack: { value: r1 } }
              - { at: 210m, failMaster: {} }

            """).Variants[0];
        Assert.That(spec.Events.Select(e => e.Kind), Is.EqualTo(new[]
            { ClusterEventKind.FailAgent, ClusterEventKind.RepairAgent, ClusterEventKind.FailRack, ClusterEventKind.FailMaster }));
        Assert.That(spec.Events[0].RepairAfter, Is.EqualTo(Duration.FromMinutes(10)));
        Assert.That(spec.Events[2].Attribute, Is.EqualTo("rack"));
        Assert.That(spec.Events[2].Value, Is.EqualTo("r1"));
        Assert.That(spec.RecordsFaults, Is.True);
        var e = Error(Base + "events: [ { at: 1h, failAgent: { agent: agent-9-9 } } ]\n");
        Assert.That(e.Message, Does.Contain("events[0].failAgent.agent").And.Contain("unknown agent 'agent-9-9'"));
    }
}
