using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Tests.Plots;

public class FiguresSectionTests
{
    private const string Base = """
        name: t
        horizon: 1h
        cluster:
          agents:
            - { count: 1, resources: "cpus:1;mem:1024" }
        frameworks:
          - name: f
            role: r
            workload:
              synthetic: { jobs: 1, arrival: { at: 0s }, taskDuration: { constant: 1s }, task: "cpus:1;mem:64" }
        variants:
          - { name: a }
          - { name: b, allocation: { policy: random } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void Figures_SetsTheSizeOfEveryFigure()
    {
        var file = ExperimentParser.Parse("exp.yaml", Base + "figures: { width: 1200, height: 700 }\n");
        Assert.That(file.Figures, Is.EqualTo(new FigureSize(1200, 700)));
    }

    [Test]
    public void Figures_Absent_IsTheDefaultSize_AndOneSideAloneKeepsTheOther()
    {
        Assert.That(ExperimentParser.Parse("exp.yaml", Base).Figures, Is.EqualTo(FigureSize.Default));
        Assert.That(ExperimentParser.Parse("exp.yaml", Base + "figures: { width: 1000 }\n").Figures,
            Is.EqualTo(new FigureSize(1000, FigureSize.Default.Height)));
    }

    [Test]
    public void Figures_TooSmall_NamesFileLineKeyAndTheRange()
    {
        var e = Error(Base + "figures:\n  width: 800\n  height: 50\n");
        Assert.That(e.Message, Does.StartWith("exp.yaml:"));
        Assert.That(e.Key, Is.EqualTo("figures.height"));
        Assert.That(e.Line, Is.EqualTo(Base.Split('\n').Length + 2));
        Assert.That(e.Problem, Is.EqualTo("expected 200 to 8000 pixels, found 50"));
    }

    [Test]
    public void Figures_UnknownKey_IsRejected()
    {
        var e = Error(Base + "figures: { width: 800, dpi: 300 }\n");
        Assert.That(e.Key, Is.EqualTo("figures.dpi"));
        Assert.That(e.Problem, Does.Contain("width, height"));
    }

    [Test]
    public void Figures_OverriddenByAVariant_IsRejected()
    {
        var e = Error(Base.Replace("{ name: b, allocation: { policy: random } }", "{ name: b, figures: { width: 400 } }"));
        Assert.That(e.Problem, Does.Contain("cannot override 'figures'"));
        Assert.That(e.Line, Is.EqualTo(Base.Split('\n').ToList().FindIndex(l => l.Contains("name: b")) + 1));
    }

    [Test]
    public void FigureSize_GrowsByARowHeightPerRowOfPanels()
    {
        var size = new FigureSize(800, 500);
        Assert.That(size.HeightFor(1), Is.EqualTo(500));
        Assert.That(size.HeightFor(2), Is.EqualTo(800));
        Assert.That(size.HeightFor(3), Is.EqualTo(1200));
    }
}
