using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>Unknown keys are reported as what they are, before any missing key, with a did-you-mean; YAML
/// syntax errors point at the line at fault.</summary>
public class KeyCheckTests
{
    private const string Valid = """
        name: probe
        horizon: 1h
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:16384" }
        frameworks:
          - name: hadoop
            workload:
              synthetic:
                jobs: 10
                arrival: { poisson: { rate: 2/m } }
                taskDuration: { exponential: { mean: 90s } }
                task: "cpus:1;mem:2048"

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void A_MisspeltRequiredKey_IsNamed_WithTheKeyItMeant()
    {
        var e = Error(Valid.Replace("taskDuration:", "taskDuraton:"));
        Assert.That(e.Message, Is.EqualTo("exp.yaml:12:9: frameworks[0].workload.synthetic.taskDuraton: unknown key; did you mean taskDuration?"));
    }

    [Test]
    public void A_MisspeltTopLevelKey_IsNamed_NotReportedAsTheRealKeyMissing()
    {
        var e = Error(Valid.Replace("horizon: 1h", "horizn: 1h"));
        Assert.That(e.Message, Is.EqualTo("exp.yaml:2:1: horizn: unknown key; did you mean horizon?"));
    }

    [Test]
    public void An_UnknownKey_IsReportedBeforeAMissingOne_InTheSameMap()
    {
        var e = Error(Valid.Replace("  - name: hadoop\n", "  - colour: blue\n"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:7:5: frameworks[0].colour: unknown key; expected one of: name, role, kind"));
    }

    [Test]
    public void A_KeyOfAnotherKindOfFramework_SaysWhichKindItBelongsTo()
    {
        var e = Error(Valid.Replace("    workload:\n", "    instance: \"cpus:1\"\n    workload:\n"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:8:15: frameworks[0].instance: instance applies to service frameworks only"));
    }

    [Test]
    public void Two_Alternatives_InOneMap_AreAnError()
    {
        var e = Error(Valid.Replace("{ poisson: { rate: 2/m } }", "{ poisson: { rate: 2/m }, every: 30s }"));
        Assert.That(e.Message, Does.Contain("arrival.every").And.Contain("not both poisson and every"));
    }

    [Test]
    public void A_TabInIndentation_IsReportedWhereTheTabIs()
    {
        var e = Error(Valid.Replace("    - { count: 4", "\t- { count: 4"));
        Assert.That(e.Line, Is.EqualTo(5));
        Assert.That(e.Message, Does.StartWith("exp.yaml:5:1: YAML syntax error: a tab in indentation"));
    }

    [Test]
    public void Another_SyntaxError_KeepsTheParsersPosition()
    {
        var e = Error(Valid.Replace("name: probe", "name: [probe"));
        Assert.That(e.Message, Does.Contain("YAML syntax error"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:1:7: YAML syntax error: this [ or { is never closed"));
    }

    [Test]
    public void A_Scenario_ReportsAMisspeltKey_BeforeTheRealKeyMissing()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioParser.Parse("s.yaml", """
            name: x
            steps:
              - addAgent: { idd: a1, resources: "cpus:2;mem:1024" }
            """))!;
        Assert.That(e.Message, Does.Contain("addAgent.idd: step 1: unknown key; did you mean id?"));
    }

    [Test]
    public void A_Scenario_ReportsAMisspeltTopLevelKey()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioParser.Parse("s.yaml", "name: x\nstep: []\n"))!;
        Assert.That(e.Message, Is.EqualTo("s.yaml:2:1: step: unknown key; did you mean steps?"));
    }

    [Test]
    public void A_MisspeltScenarioStep_IsNamed_WithTheStepMeant()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioParser.Parse("s.yaml", "name: x\nsteps:\n  - advence: 1s\n"))!;
        Assert.That(e.Message, Does.Contain("unknown step 'advence'; did you mean advance?"));
    }

    [TestCase("horizn", "horizon")]
    [TestCase("taskDuraton", "taskDuration")]
    [TestCase("TaskDuration", "taskDuration")]
    [TestCase("analytcs", "analytics")]
    public void NearestName_FindsTheKeyMeant(string typed, string meant) =>
        Assert.That(NearestName.Closest(typed, ["horizon", "taskDuration", "analytics", "name"]), Is.EqualTo(meant));

    [TestCase("colour")]
    [TestCase("zzz")]
    public void NearestName_SuggestsNothing_WhenNothingIsClose(string typed) =>
        Assert.That(NearestName.Closest(typed, ["horizon", "taskDuration", "role", "name"]), Is.Null);

    [Test]
    public void Levenshtein_Distance_IsTheFewestEdits()
    {
        Assert.That(NearestName.Distance("kitten", "sitting"), Is.EqualTo(3));
        Assert.That(NearestName.Distance("", "abc"), Is.EqualTo(3));
        Assert.That(NearestName.Distance("same", "same"), Is.EqualTo(0));
    }
}
