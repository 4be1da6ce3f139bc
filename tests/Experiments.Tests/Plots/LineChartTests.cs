using System.Globalization;
using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class LineChartTests
{
    private static readonly string[] Variants = ["drf", "weighted-3x", "random"];

    private static LineChart Utilisation(int pointsPerSeries = 50) => new()
    {
        Title = "CPU utilisation",
        XAxis = Axis.Time(),
        YAxis = Axis.Percent("CPU utilisation"),
        Series = Variants.Select((v, k) => new Series(v,
            Enumerable.Range(0, pointsPerSeries).Select(i => (i * 60.0, 30 + 10 * k + 5 * Math.Sin(i / 7.0))).ToList(),
            Step: true)).ToList(),
    };

    [Test]
    public void Root_is_a_scalable_svg_with_the_title()
    {
        var svg = new SvgDocument(Utilisation().ToSvg());

        Assert.That(svg.Root.Name.LocalName, Is.EqualTo("svg"));
        Assert.That((string?)svg.Root.Attribute("viewBox"), Is.EqualTo("0 0 800 450"));
        Assert.That((string?)svg.Root.Attribute("font-family"), Is.EqualTo("sans-serif"));
        Assert.That(svg.Title, Is.EqualTo("CPU utilisation"));
    }

    [Test]
    public void Size_is_configurable()
    {
        var svg = new SvgDocument((Utilisation() with { Width = 640, Height = 320 }).ToSvg());

        Assert.That((string?)svg.Root.Attribute("viewBox"), Is.EqualTo("0 0 640 320"));
        Assert.That((string?)svg.Root.Attribute("width"), Is.EqualTo("640"));
    }

    [Test]
    public void Each_series_is_one_path_in_its_palette_colour_with_a_legend_entry_in_order()
    {
        var svg = new SvgDocument(Utilisation().ToSvg());

        var paths = svg.All("path", "series-line");
        Assert.That(paths.Select(p => (string?)p.Attribute("stroke")), Is.EqualTo(Enumerable.Range(0, 3).Select(Palette.Colour)));
        Assert.That(svg.LegendNames(), Is.EqualTo(Variants));
        Assert.That(paths.Select(p => p.Value), Is.EqualTo(Variants), "each line carries its name as a tooltip");
    }

    [Test]
    public void Step_series_are_drawn_with_horizontal_then_vertical_segments()
    {
        var d = (string)new SvgDocument(Utilisation().ToSvg()).All("path", "series-line")[0].Attribute("d")!;

        Assert.That(d, Does.Contain("H").And.Contain("V").And.Not.Contain("L"));
    }

    [Test]
    public void Fitted_y_axis_gets_nice_ticks()
    {
        var chart = new LineChart { YAxis = new Axis("Load"), Series = [new Series("a", [(0, 0), (1, 97)])] };

        Assert.That(new SvgDocument(chart.ToSvg()).TickLabels('y'), Is.EqualTo(new[] { "0", "20", "40", "60", "80", "100" }));
    }

    [Test]
    public void Fixed_percent_axis_runs_from_0_to_100_with_unit_in_the_title()
    {
        var svg = new SvgDocument(Utilisation().ToSvg());

        Assert.That(svg.TickLabels('y'), Is.EqualTo(new[] { "0", "20", "40", "60", "80", "100" }));
        Assert.That(svg.InAxis('y', "text", "axis-title").Single().Value, Is.EqualTo("CPU utilisation (%)"));
    }

    [TestCase(90.0, "Simulated time (s)")]
    [TestCase(3000.0, "Simulated time (min)")]
    [TestCase(21600.0, "Simulated time (h)")]
    public void Time_axis_picks_its_unit_from_the_range(double seconds, string expectedTitle)
    {
        var chart = new LineChart { XAxis = Axis.Time(), Series = [new Series("a", [(0, 1), (seconds, 2)])] };

        Assert.That(new SvgDocument(chart.ToSvg()).InAxis('x', "text", "axis-title").Single().Value, Is.EqualTo(expectedTitle));
    }

    [Test]
    public void Six_hours_in_seconds_are_labelled_in_hours()
    {
        var chart = new LineChart { XAxis = Axis.Time(), Series = [new Series("a", [(0, 1), (21600, 2)])] };

        Assert.That(new SvgDocument(chart.ToSvg()).TickLabels('x'), Is.EqualTo(new[] { "0", "1", "2", "3", "4", "5", "6" }));
    }

    [Test]
    public void Log_axes_get_decade_ticks()
    {
        var chart = new LineChart
        {
            XAxis = Axis.Log("Agents"),
            YAxis = Axis.Log("Wall time", "s"),
            Series = [new Series("cost", [(0.001, 0.5), (1000, 200)])],
        };
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.TickLabels('x'), Is.EqualTo(new[] { "0.001", "0.01", "0.1", "1", "10", "100", "1k" }));
        Assert.That(svg.TickLabels('y'), Is.EqualTo(new[] { "0.1", "1", "10", "100", "1k" }));
    }

    [Test]
    public void Markers_come_with_a_tooltip_per_point()
    {
        var chart = new LineChart { ShowMarkers = true, Series = [new Series("cost", [(10, 1), (100, 4), (1000, 30)])] };
        var circles = new SvgDocument(chart.ToSvg()).All("circle");

        Assert.That(circles, Has.Count.EqualTo(3));
        Assert.That(circles[1].Value, Is.EqualTo("cost: 100, 4"));
    }

    [Test]
    public void Special_characters_are_escaped_and_round_trip()
    {
        const string name = "a<b & \"c\" 'd' > e";
        var chart = new LineChart
        {
            Title = "<script>alert('x')</script> & co",
            XAxis = new Axis("x & y", "<s>"),
            Series = [new Series(name, [(0, 1), (1, 2)])],
        };
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.Title, Is.EqualTo("<script>alert('x')</script> & co"));
        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { name }));
        Assert.That(svg.InAxis('x', "text", "axis-title").Single().Value, Is.EqualTo("x & y (<s>)"));
        Assert.That(svg.All("script"), Is.Empty);
    }

    [Test]
    public void Characters_XML_cannot_carry_are_replaced_rather_than_breaking_the_document()
    {
        var chart = new LineChart { Title = "bell\u0007 and lone \uD800 surrogate", Series = [new Series("tab\there", [(0, 1), (1, 2)])] };
        var svg = new SvgDocument(chart.ToSvg());

        Assert.That(svg.Title, Is.EqualTo("bell\uFFFD and lone \uFFFD surrogate"));
        Assert.That(svg.LegendNames(), Is.EqualTo(new[] { "tab\there" }));
    }

    [Test]
    public void No_series_or_no_finite_points_says_no_data()
    {
        LineChart[] charts =
        [
            new() { Title = "empty" },
            new() { Series = [new Series("a", [])] },
            new() { Series = [new Series("a", [(double.NaN, 1), (2, double.PositiveInfinity)])] },
            new() { XAxis = Axis.Log("x"), Series = [new Series("a", [(0, 1), (-3, 2)])] },
        ];

        foreach (var chart in charts)
        {
            var svg = new SvgDocument(chart.ToSvg());
            Assert.That(svg.SaysNoData, Is.True);
            Assert.That(svg.All("path", "series-line"), Is.Empty);
        }
    }

    [Test]
    public void A_constant_series_is_drawn_inside_a_padded_range()
    {
        var svg = new SvgDocument(new LineChart { Series = [new Series("flat", [(0, 5), (10, 5)])] }.ToSvg());

        Assert.That(svg.SaysNoData, Is.False);
        Assert.That(svg.All("path", "series-line"), Has.Count.EqualTo(1));
        Assert.That(svg.TickLabels('y'), Does.Contain("5.0").Or.Contain("5"));
    }

    [Test]
    public void Non_finite_points_break_the_line_into_pieces()
    {
        var chart = new LineChart { Series = [new Series("gappy", [(0, 1), (1, 2), (2, double.NaN), (3, 2), (4, 1)])] };
        var d = (string)new SvgDocument(chart.ToSvg()).All("path", "series-line").Single().Attribute("d")!;

        Assert.That(d.Count(c => c == 'M'), Is.EqualTo(2));
    }

    [Test]
    public void Past_eight_series_colours_repeat_with_a_dash_pattern()
    {
        var chart = new LineChart
        {
            Series = Enumerable.Range(0, 10).Select(i => new Series($"s{i}", [(0, i), (1, i + 1.0)])).ToList(),
        };
        var paths = new SvgDocument(chart.ToSvg()).All("path", "series-line");

        Assert.That(paths[0].Attribute("stroke-dasharray"), Is.Null);
        Assert.That((string?)paths[8].Attribute("stroke"), Is.EqualTo((string?)paths[0].Attribute("stroke")));
        Assert.That(paths[8].Attribute("stroke-dasharray"), Is.Not.Null);
    }

    [Test]
    public void Legend_sits_outside_the_plot_area()
    {
        foreach (var position in new[] { LegendPosition.Right, LegendPosition.Below })
        {
            var svg = new SvgDocument((Utilisation() with { Legend = position }).ToSvg());
            var grid = svg.All("line", "grid");
            var plotRight = grid.Max(l => SvgDocument.Number(l, "x2"));
            var plotBottom = grid.Max(l => SvgDocument.Number(l, "y2"));
            var texts = svg.All("g", "legend").Single().Descendants().Where(e => e.Name.LocalName == "text").ToList();

            var outside = position == LegendPosition.Right
                ? texts.All(t => SvgDocument.Number(t, "x") > plotRight)
                : texts.All(t => SvgDocument.Number(t, "y") > plotBottom + 30);
            Assert.That(outside, Is.True, position.ToString());
        }
    }

    [Test]
    public void Many_long_names_move_the_legend_below()
    {
        var chart = new LineChart
        {
            Series = Enumerable.Range(0, 4).Select(i => new Series($"a rather long variant name number {i}", [(0, i), (1, i + 1.0)])).ToList(),
        };
        var svg = new SvgDocument(chart.ToSvg());
        var plotBottom = svg.All("line", "grid").Max(l => SvgDocument.Number(l, "y2"));

        Assert.That(svg.All("g", "legend-item").Select(g => SvgDocument.Number(g.Elements().Last(), "y")), Is.All.GreaterThan(plotBottom));
    }

    [Test]
    public void Rendering_is_deterministic_and_independent_of_the_current_culture()
    {
        var first = Utilisation(3000).ToSvg();
        var second = Utilisation(3000).ToSvg();

        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "~";
        var saved = CultureInfo.CurrentCulture;
        string third;
        try
        {
            CultureInfo.CurrentCulture = culture;
            third = Utilisation(3000).ToSvg();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.That(second, Is.EqualTo(first));
        Assert.That(third, Is.EqualTo(first));
    }

    [Test]
    public void Long_series_are_downsampled_but_keep_their_extremes()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => (i * 1.0, 50 + 10 * Math.Sin(i / 500.0))).ToList();
        points[31_337] = (31_337, 100);
        points[77_777] = (77_777, 0);
        var chart = new LineChart { YAxis = Axis.Percent("Utilisation"), Series = [new Series("busy", points)] };
        var svg = new SvgDocument(chart.ToSvg());

        var vertices = SvgDocument.Vertices(svg.All("path", "series-line").Single());
        var grid = svg.InAxis('y', "line", "grid").Select(l => SvgDocument.Number(l, "y1")).ToList();
        Assert.That(vertices, Has.Count.LessThanOrEqualTo(Downsampler.MaxPointsPerSeries));
        Assert.That(vertices.Min(v => v.Y), Is.EqualTo(grid[^1]), "the spike to 100 % is kept");
        Assert.That(vertices.Max(v => v.Y), Is.EqualTo(grid[0]), "the dip to 0 % is kept");
    }

    [Test]
    public void Series_are_clipped_to_a_plot_area_defined_in_the_document()
    {
        var svg = new SvgDocument(Utilisation().ToSvg());
        var clip = (string)svg.All("g", "series").Single().Attribute("clip-path")!;
        var id = (string)svg.All("clipPath").Single().Attribute("id")!;

        Assert.That(clip, Is.EqualTo($"url(#{id})"));
    }
}
