using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class CdfChartTests
{
    [Test]
    public void Points_step_up_by_the_fraction_of_samples_at_each_distinct_value()
    {
        var points = CdfChart.Points([3, 1, 2, 2, double.NaN]);

        Assert.That(points, Is.EqualTo(new[] { (1.0, 0.0), (1.0, 0.25), (2.0, 0.75), (3.0, 1.0) }));
    }

    [Test]
    public void Points_of_nothing_is_empty()
    {
        Assert.That(CdfChart.Points([]), Is.Empty);
    }

    [Test]
    public void One_step_line_per_variant_on_a_0_to_1_axis_with_log_decades()
    {
        var chart = CdfChart.FromSamples("Job completion time", Axis.Log("Completion time", "s"),
        [
            ("drf", [0.002, 0.5, 3, 40, 900]),
            ("random", [0.01, 1, 8, 70, 500]),
        ]);
        var svg = new SvgDocument(chart.ToSvg());

        var paths = svg.All("path", "series-line");
        Assert.That(paths, Has.Count.EqualTo(2));
        Assert.That((string)paths[0].Attribute("d")!, Does.Contain("H").And.Contain("V"));
        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { "drf", "random" }));
        Assert.That(svg.TickLabels('y'), Is.EqualTo(new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" }));
        Assert.That(svg.TickLabels('x'), Is.EqualTo(new[] { "0.001", "0.01", "0.1", "1", "10", "100", "1k" }));
        Assert.That(svg.InAxis('x', "text", "axis-title").Single().Value, Is.EqualTo("Completion time (s)"));
    }

    [Test]
    public void A_variant_without_samples_is_listed_but_not_drawn()
    {
        var chart = CdfChart.FromSamples("t", new Axis("Completion time", "s"), [("drf", [1, 2, 3]), ("broken", [])]);
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { "drf", "broken" }));
        Assert.That(svg.All("path", "series-line"), Has.Count.EqualTo(1));
    }

    [Test]
    public void No_samples_at_all_says_no_data()
    {
        var chart = CdfChart.FromSamples("t", new Axis("Completion time", "s"), [("drf", [])]);

        Assert.That(new SvgDocument(chart.ToSvg()).SaysNoData, Is.True);
    }
}
