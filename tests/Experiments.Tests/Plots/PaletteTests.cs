using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class PaletteTests
{
    [Test]
    public void The_first_colours_are_distinct_and_solid()
    {
        var colours = Enumerable.Range(0, Palette.ColourCount).Select(Palette.Colour).ToList();

        Assert.That(colours, Is.Unique);
        Assert.That(colours, Is.All.Match("^#[0-9A-F]{6}$"));
        Assert.That(Enumerable.Range(0, Palette.ColourCount).Select(Palette.Dash), Is.All.Null);
    }

    [Test]
    public void Later_series_reuse_colours_with_a_different_dash_pattern()
    {
        var styles = Enumerable.Range(0, 3 * Palette.ColourCount).Select(i => (Palette.Colour(i), Palette.Dash(i))).ToList();

        Assert.That(styles, Is.Unique);
        Assert.That(Palette.Colour(Palette.ColourCount), Is.EqualTo(Palette.Colour(0)));
        Assert.That(Palette.Dash(Palette.ColourCount), Is.Not.Null);
    }
}
