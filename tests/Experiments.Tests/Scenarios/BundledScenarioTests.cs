using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

public class BundledScenarioTests
{
    private static IEnumerable<TestCaseData> Files() =>
        Directory.GetFiles(RepositoryRoot.Combine("scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Scenario_Passes(" + Path.GetFileNameWithoutExtension(f) + ")"));

    [TestCaseSource(nameof(Files))]
    public void Scenario_Passes(string file)
    {
        var result = new ScenarioRun(ScenarioParser.ParseFile(file)).Execute();
        Assert.That(result.Failures.Select(f => f.ToString()), Is.Empty);
    }

    [Test]
    public void There_AreAtLeastFifteenBundledScenarios() =>
        Assert.That(Files().Count(), Is.GreaterThanOrEqualTo(15));

    [Test]
    public void The_SameScenario_RunTwice_GivesByteIdenticalOutput()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).ToArray();
        string Run()
        {
            var output = new StringWriter();
            ScenarioCommand.Run(files, log: true, output);
            return output.ToString();
        }
        var first = Run();
        Assert.That(first, Does.Contain("offer 1 to"));
        Assert.That(Run(), Is.EqualTo(first));
    }
}
