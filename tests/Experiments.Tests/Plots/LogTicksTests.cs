using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Plots;

namespace ClusterSim.Experiments.Tests.Plots;

/// <summary>A log axis labels its powers of ten, and 2 and 5 times them when its values span two decades or less,
/// so that an axis fitted to a narrow range still shows labelled ticks.</summary>
public class LogTicksTests
{
    /// <summary>The tick labels of the y axis of a figure of values from <paramref name="min"/> to <paramref name="max"/>.</summary>
    private static List<string> LabelsShown(double min, double max)
    {
        var plot = Panel.Create("title", "x", "y");
        plot.Add.ScatterLine(new double[] { 0, 1 }, new[] { Math.Log10(min), Math.Log10(max) });
        Panel.LogTicks(plot.Axes.Left, min, max);
        // No labels on the other axis, so that every number drawn is the log axis's.
        Panel.SetTicks(plot.Axes.Bottom, [], []);
        var svg = new SvgDocument(new Figure("f", "c", plot).Render(FigureSize.Default).Svg);
        return svg.Texts();
    }

    [Test]
    public void ANarrowRange_ShowsOneTwoFiveLabels()
    {
        var labels = LabelsShown(0.2, 2.4);
        Assert.That(labels, Does.Contain("0.2").And.Contain("0.5").And.Contain("1").And.Contain("2"));
        Assert.That(labels, Does.Not.Contain("0.3").And.Not.Contain("3"));
    }

    [Test]
    public void AWideRange_LabelsPowersOfTenOnly()
    {
        var labels = LabelsShown(0.5, 2000);
        Assert.That(labels, Does.Contain("1").And.Contain("10").And.Contain("100").And.Contain("1000"));
        Assert.That(labels, Does.Not.Contain("2").And.Not.Contain("5").And.Not.Contain("20").And.Not.Contain("500"));
    }
}
