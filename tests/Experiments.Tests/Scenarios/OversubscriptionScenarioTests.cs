using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

/// <summary>The scenario language's revocable resources: oversubscription:, a task's usage:, revocable: on
/// offers and accepts, expectOversubscription.</summary>
public class OversubscriptionScenarioTests
{
    private const string Steps = """
        steps:
          - addAgent: { id: a1, resources: "cpus:4;mem:4096" }
          - addFramework: { id: prod, role: prod }
          - accept: { framework: prod, agent: a1, tasks: [ { id: p1, resources: "cpus:4;mem:4096", usage: 0.5 } ] }
          - addFramework: { id: be, role: be, capabilities: [revocable] }
          - advance: 5s

        """;

    private static ConfigException ParseError(string yaml) =>
        Assert.Throws<ConfigException>(() => ScenarioParser.Parse("bad.yaml", yaml))!;

    [Test]
    public void TheSlack_IsOfferedAsRevocable_AtTheFirstEstimate()
    {
        var result = new ScenarioRun(ScenarioParser.Parse("probe.yaml", "name: probe\noversubscription: { estimatorInterval: 5s, offered: 0.5 }\n" + Steps
            + "  - expectOversubscription: { revocable: { a1: \"cpus:1;mem:1024\" }, evictions: 0 }\n"
            + "  - expectOffers: [ { framework: prod, agent: a1 }, { framework: be, agent: a1, resources: \"cpus:1;mem:1024\", revocable: true } ]\n")).Execute();
        Assert.That(result.Failures, Is.Empty);
    }

    [Test]
    public void ExpectOversubscription_WithoutTheSection_FailsTheStep()
    {
        var result = new ScenarioRun(ScenarioParser.Parse("probe.yaml", "name: probe\n" + Steps + "  - expectOversubscription: { evictions: 0 }\n")).Execute();
        Assert.That(result.Failures.Single().Message, Is.EqualTo("expectOversubscription needs the scenario's oversubscription: section"));
    }

    [Test]
    public void A_UsageAboveOne_NamesFileLineAndKey()
    {
        var e = ParseError("name: probe\noversubscription: {}\n" + Steps.Replace("usage: 0.5", "usage: 1.5"));
        Assert.That(e.Message, Is.EqualTo("bad.yaml:6:99: steps[2].accept.tasks[0].usage: step 3: expected a fraction of the task's resources within [0, 1], found '1.5'"));
    }

    [Test]
    public void An_UnknownOversubscriptionKey_IsRejected()
    {
        var e = ParseError("name: probe\noversubscription: { interval: 5s }\n" + Steps);
        Assert.That(e.Message, Does.StartWith("bad.yaml:2:21: oversubscription.interval: unknown key"));
    }
}
