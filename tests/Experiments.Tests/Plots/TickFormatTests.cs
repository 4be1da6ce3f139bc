using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class TickFormatTests
{
    [Test]
    public void Linear_uses_as_many_decimals_as_the_step_needs()
    {
        Assert.That(TickFormat.Linear([0, 0.2, 0.4], 0.2), Is.EqualTo(new[] { "0.0", "0.2", "0.4" }));
        Assert.That(TickFormat.Linear([0, 20, 40], 20), Is.EqualTo(new[] { "0", "20", "40" }));
        Assert.That(TickFormat.Linear([0, 0.0005, 0.001], 0.0005), Is.EqualTo(new[] { "0.0000", "0.0005", "0.0010" }));
    }

    [Test]
    public void Linear_uses_k_and_M_suffixes_for_large_values()
    {
        Assert.That(TickFormat.Linear([0, 5000, 10000, 15000], 5000), Is.EqualTo(new[] { "0", "5k", "10k", "15k" }));
        Assert.That(TickFormat.Linear([-2500, 0, 12500], 2500), Is.EqualTo(new[] { "-2.5k", "0", "12.5k" }));
        Assert.That(TickFormat.Linear([0, 2e7, 4e7], 2e7), Is.EqualTo(new[] { "0", "20M", "40M" }));
    }

    [Test]
    public void Linear_never_prints_negative_zero()
    {
        Assert.That(TickFormat.Linear([-1e-17, 0.5, 1], 0.5), Is.EqualTo(new[] { "0.0", "0.5", "1.0" }));
    }

    [TestCase(0.001, "0.001")]
    [TestCase(1.0, "1")]
    [TestCase(1000.0, "1k")]
    [TestCase(1e5, "100k")]
    [TestCase(1e6, "1M")]
    [TestCase(1e-6, "1e-6")]
    public void Log_labels(double value, string expected)
    {
        Assert.That(TickFormat.Log(value), Is.EqualTo(expected));
    }

    [TestCase(12.345, "12.3")]
    [TestCase(0.0, "0")]
    [TestCase(0.5, "0.5")]
    [TestCase(330.0, "330")]
    [TestCase(123456.0, "123.5k")]
    [TestCase(-0.0001234, "-0.000123")]
    [TestCase(double.NaN, "NaN")]
    public void Value_keeps_three_significant_digits(double value, string expected)
    {
        Assert.That(TickFormat.Value(value), Is.EqualTo(expected));
    }
}
