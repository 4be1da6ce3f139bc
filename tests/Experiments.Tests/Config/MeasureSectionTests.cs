using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Tests.Config;

public class MeasureSectionTests
{
    private const string Base = """
        name: probe
        horizon: 4h
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192" } ] }
        frameworks:
          - name: hadoop
            role: analytics
            workload: { synthetic: { jobs: 2, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }

        """;

    [Test]
    public void Without_Measure_TheWindowIsTheWholeRun()
    {
        Assert.That(ExperimentParser.Parse("exp.yaml", Base).Variants[0].Measure, Is.EqualTo(MeasureWindow.WholeRun));
    }

    [Test]
    public void Measure_ReadsFromAndTo()
    {
        var window = ExperimentParser.Parse("exp.yaml", Base + "measure: { from: 30m, to: 3h }\n").Variants[0].Measure;
        Assert.That(window, Is.EqualTo(new MeasureWindow(Time.FromSeconds(1800), Time.FromSeconds(10800))));
        Assert.That(window.EndIn(Time.FromSeconds(3600)), Is.EqualTo(Time.FromSeconds(3600)), "cut at a run's early end");
    }

    [Test]
    public void An_EndBeforeTheStart_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "measure: { from: 2h, to: 1h }\n"))!;
        Assert.That(e.Message, Is.EqualTo("exp.yaml:8:26: measure.to: expected an end after from (7200s), found 3600s"));
    }

    [Test]
    public void A_StartAtTheHorizon_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "measure: { from: 4h }\n"))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:8:18: measure.from: expected a start before the horizon"));
    }

    [Test]
    public void An_UnknownKey_IsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "measure: { form: 30m }\n"))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:8:12: measure.form: unknown key; expected one of: from, to"));
    }
}
