using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class NiceTicksTests
{
    [Test]
    public void Linear_widens_an_untidy_range_to_round_ticks()
    {
        var scale = NiceTicks.Linear(0, 97);

        Assert.That(scale.Ticks, Is.EqualTo(new[] { 0.0, 20, 40, 60, 80, 100 }));
        Assert.That((scale.Min, scale.Max, scale.Step), Is.EqualTo((0.0, 100.0, 20.0)));
    }

    [Test]
    public void Linear_ticks_are_exact_decimals_not_accumulated_floating_point()
    {
        var scale = NiceTicks.Linear(0, 1);

        Assert.That(scale.Ticks, Is.EqualTo(new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
    }

    [Test]
    public void Linear_handles_ranges_across_zero()
    {
        Assert.That(NiceTicks.Linear(-3.7, 12.2).Ticks, Is.EqualTo(new[] { -5.0, 0, 5, 10, 15 }));
    }

    [Test]
    public void Linear_keeps_fixed_bounds_and_puts_ticks_inside_them()
    {
        var scale = NiceTicks.Linear(0.05, 0.93, 6, expandMin: false, expandMax: false);

        Assert.That((scale.Min, scale.Max), Is.EqualTo((0.05, 0.93)));
        Assert.That(scale.Ticks, Is.EqualTo(new[] { 0.2, 0.4, 0.6, 0.8 }));
    }

    [TestCase(5.0)]
    [TestCase(0.0)]
    [TestCase(-1e6)]
    public void Linear_gives_a_constant_a_range_around_it(double value)
    {
        var scale = NiceTicks.Linear(value, value);

        Assert.That(scale.Min, Is.LessThan(value));
        Assert.That(scale.Max, Is.GreaterThan(value));
        Assert.That(scale.Ticks, Has.Count.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Log_ticks_every_decade()
    {
        var scale = NiceTicks.Log(0.001, 1000);

        Assert.That(scale.Ticks, Is.EqualTo(new[] { 0.001, 0.01, 0.1, 1, 10, 100, 1000 }));
    }

    [Test]
    public void Log_expands_to_whole_decades()
    {
        var scale = NiceTicks.Log(3, 700);

        Assert.That((scale.Min, scale.Max), Is.EqualTo((1.0, 1000.0)));
    }

    [Test]
    public void Log_fills_in_2_and_5_when_the_range_is_narrow()
    {
        Assert.That(NiceTicks.Log(20, 60).Ticks, Is.EqualTo(new[] { 10.0, 20, 50, 100 }));
    }

    [Test]
    public void Log_thins_decades_when_there_are_too_many()
    {
        var scale = NiceTicks.Log(1e-6, 1e12, targetCount: 8);

        Assert.That(scale.Ticks, Has.Count.LessThanOrEqualTo(8));
        Assert.That(scale.Ticks[0], Is.EqualTo(1e-6));
        Assert.That(scale.Step, Is.EqualTo(3));
    }

    [Test]
    public void Log_rejects_non_positive_ranges()
    {
        Assert.That(() => NiceTicks.Log(0, 10), Throws.ArgumentException);
        Assert.That(() => NiceTicks.Linear(double.NaN, 1), Throws.ArgumentException);
    }

    [TestCase(0.13, 0.2)]
    [TestCase(1.0, 1.0)]
    [TestCase(3.0, 5.0)]
    [TestCase(7.0, 10.0)]
    [TestCase(19.4, 20.0)]
    [TestCase(0.0004, 0.0005)]
    public void NiceStep_rounds_up_to_1_2_5(double rough, double expected)
    {
        Assert.That(NiceTicks.NiceStep(rough), Is.EqualTo(expected));
    }
}
