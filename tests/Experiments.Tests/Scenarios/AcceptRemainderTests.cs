using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

/// <summary>The bundled scenario accept-part-refuse-remainder pins Mesos's Master::_accept ("Recover unused
/// resources" with the accept's filters): these check that it would catch a master that did otherwise.</summary>
public class AcceptRemainderTests
{
    private static readonly string File = RepositoryRoot.Combine("scenarios", "accept-part-refuse-remainder.yaml");

    private static ScenarioResult RunEdited(string from, string to)
    {
        var text = System.IO.File.ReadAllText(File);
        Assert.That(text, Does.Contain(from));
        return new ScenarioRun(ScenarioParser.Parse(File, text.Replace(from, to, StringComparison.Ordinal))).Execute();
    }

    [Test]
    public void The_Scenario_Passes_AsBundled() =>
        Assert.That(new ScenarioRun(ScenarioParser.ParseFile(File)).Execute().Failures, Is.Empty);

    [Test]
    public void Without_TheRefuseFilter_TheRemainderComesBack_AndTheScenarioFails()
    {
        // An accept whose remainder returned unfiltered is offered to the framework at the next run (1 s).
        var result = RunEdited("tasks: [ { id: t1, resources: \"cpus:1;mem:1024\" } ], refuse: 10s",
            "tasks: [ { id: t1, resources: \"cpus:1;mem:1024\" } ], refuse: 0s");
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Failures[0].Message, Does.Contain("unexpected [fw1 on a1 cpus:3;mem:3072"));
    }

    [Test]
    public void A_LongerFilter_KeepsTheRemainderFromTheFramework_PastTenSeconds()
    {
        var result = RunEdited("refuse: 10s", "refuse: 11s");
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Failures.Select(f => f.Message), Has.Some.Contains("missing [fw1 on a1 cpus:3;mem:3072"));
    }
}
