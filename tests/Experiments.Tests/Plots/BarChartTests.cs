using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class BarChartTests
{
    private static BarChart Completion() => new()
    {
        Title = "Mean job completion time",
        Groups = ["small", "large"],
        SeriesNames = ["drf", "weighted-3x", "random"],
        Values = [[12.1, 11.8, 15.0], [240, 205, 330]],
        CiLow = [[11.5, 11.0, 14.1], [228, 196, 310]],
        CiHigh = [[12.7, 12.6, 15.9], [252, 214, 350]],
        YAxis = new Axis("Completion time", "s"),
    };

    [Test]
    public void One_bar_per_group_and_series_each_with_an_error_bar_and_a_value_label()
    {
        var svg = new SvgDocument(Completion().ToSvg());

        Assert.That(svg.Title, Is.EqualTo("Mean job completion time"));
        Assert.That(svg.All("rect", "bar"), Has.Count.EqualTo(6));
        Assert.That(svg.All("path", "ci"), Has.Count.EqualTo(6));
        Assert.That(svg.All("text", "value-label").Select(t => t.Value), Is.EqualTo(new[] { "12.1", "11.8", "15", "240", "205", "330" }));
    }

    [Test]
    public void Bars_take_their_series_colour_and_the_legend_lists_series_in_order()
    {
        var svg = new SvgDocument(Completion().ToSvg());

        Assert.That(svg.All("rect", "bar").Take(3).Select(b => (string?)b.Attribute("fill")), Is.EqualTo(Enumerable.Range(0, 3).Select(Palette.Colour)));
        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { "drf", "weighted-3x", "random" }));
        Assert.That(svg.TickLabels('x'), Is.EqualTo(new[] { "small", "large" }));
    }

    [Test]
    public void Bars_have_tooltips_naming_group_series_value_and_interval()
    {
        var tooltip = new SvgDocument(Completion().ToSvg()).All("rect", "bar")[0].Value;

        Assert.That(tooltip, Is.EqualTo("small — drf: 12.1 (95% CI 11.5–12.7)"));
    }

    [Test]
    public void Value_axis_starts_at_zero_and_leaves_room_for_the_tallest_interval()
    {
        var labels = new SvgDocument(Completion().ToSvg()).TickLabels('y');

        Assert.That(labels[0], Is.EqualTo("0"));
        Assert.That(double.Parse(labels[^1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(350));
    }

    [Test]
    public void Missing_values_and_intervals_are_skipped()
    {
        var chart = Completion() with
        {
            Values = [[12.1, double.NaN, 15.0], [240, 205, 330]],
            CiLow = [[11.5, 11.0, double.NaN], [228, 196, 310]],
        };
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.All("rect", "bar"), Has.Count.EqualTo(5));
        Assert.That(svg.All("path", "ci"), Has.Count.EqualTo(4));
    }

    [Test]
    public void Intervals_are_optional()
    {
        var svg = new SvgDocument((Completion() with { CiLow = null, CiHigh = null }).ToSvg());

        Assert.That(svg.All("rect", "bar"), Has.Count.EqualTo(6));
        Assert.That(svg.All("path", "ci"), Is.Empty);
    }

    [Test]
    public void Negative_values_hang_below_zero()
    {
        var chart = new BarChart { Groups = ["g"], SeriesNames = ["up", "down"], Values = [[0.2, -0.1]], YAxis = new Axis("Change") };
        var svg = new SvgDocument(chart.ToSvg());
        var bars = svg.All("rect", "bar");

        Assert.That(SvgDocument.Number(bars[1], "y"), Is.EqualTo(SvgDocument.Number(bars[0], "y") + SvgDocument.Number(bars[0], "height")).Within(0.02));
        Assert.That(svg.TickLabels('y'), Does.Contain("0.00").And.Contain("-0.10"));
    }

    [Test]
    public void Names_with_markup_characters_round_trip()
    {
        var chart = Completion() with { Groups = ["p<50> & \"p99\"", "x"], SeriesNames = ["a&b", "<c>", "d"] };
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.TickLabels('x'), Is.EqualTo(new[] { "p<50> & \"p99\"", "x" }));
        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { "a&b", "<c>", "d" }));
    }

    [Test]
    public void Long_group_labels_are_rotated()
    {
        var groups = Enumerable.Range(0, 8).Select(i => $"a fairly long metric name {i}").ToList();
        var chart = new BarChart { Groups = groups, SeriesNames = ["drf"], Values = groups.Select(_ => (IReadOnlyList<double>)[1.0]).ToList() };
        var labels = new SvgDocument(chart.ToSvg()).InAxis('x', "text", "tick-label");

        Assert.That(labels.Select(l => l.Value), Is.EqualTo(groups));
        Assert.That(labels.Select(l => (string?)l.Attribute("transform")), Is.All.StartsWith("rotate(-35 "));
    }

    [Test]
    public void Very_long_group_labels_are_shortened_and_keep_the_full_name_as_a_tooltip()
    {
        var longName = string.Concat(Enumerable.Repeat("very long metric name ", 6));
        var chart = new BarChart { Groups = ["short", longName], SeriesNames = ["drf"], Values = [[1.0], [2.0]], Width = 300 };
        var svg = new SvgDocument(chart.ToSvg());

        var shown = svg.TickLabels('x')[1];
        Assert.That(shown, Does.EndWith("…").And.Length.LessThan(longName.Length));
        Assert.That(longName, Does.StartWith(shown.TrimEnd('…')));
        Assert.That(svg.InAxis('x', "title").Single().Value, Is.EqualTo(longName));
    }

    [Test]
    public void Bars_stay_inside_a_fixed_range_that_leaves_out_zero()
    {
        var chart = new BarChart { Groups = ["g"], SeriesNames = ["a"], Values = [[80.0]], YAxis = new Axis("Load") { Min = 50, Max = 100 } };
        var svg = new SvgDocument(chart.ToSvg());
        var bar = svg.All("rect", "bar").Single();
        var bottom = svg.InAxis('y', "line", "grid").Max(l => SvgDocument.Number(l, "y1"));

        Assert.That(SvgDocument.Number(bar, "y") + SvgDocument.Number(bar, "height"), Is.EqualTo(bottom).Within(0.02));
    }

    [Test]
    public void Nothing_to_show_says_no_data()
    {
        BarChart[] charts =
        [
            new() { Title = "empty" },
            new() { Groups = ["g"], SeriesNames = ["s"], Values = [[double.NaN]] },
        ];

        Assert.That(charts.Select(c => new SvgDocument(c.ToSvg()).SaysNoData), Is.All.True);
    }

    [Test]
    public void Values_of_the_wrong_shape_are_rejected()
    {
        var chart = Completion() with { Values = [[1, 2, 3]] };

        Assert.That(() => chart.ToSvg(), Throws.ArgumentException);
    }

    [Test]
    public void Rendering_is_deterministic()
    {
        var first = Completion().ToSvg();
        var second = Completion().ToSvg();

        Assert.That(second, Is.EqualTo(first));
    }
}
