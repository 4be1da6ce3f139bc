using System.Globalization;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Csv;

/// <summary>
/// The CSV numbers are written without a string each (CsvNumber); the bytes must stay those of the definition
/// they replaced, or every output of every run would change.
/// </summary>
public class CsvNumberTests
{
    /// <summary>The definition the outputs have always used.</summary>
    private static string Reference(double value)
    {
        if (double.IsNaN(value)) return "";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        double rounded = Math.Round(value, 6);
        return rounded == 0 ? "0" : rounded.ToString("0.######", CultureInfo.InvariantCulture);
    }

    private static readonly double[] Edges =
    [
        0, -0.0, 1, -1, 0.5, -0.5, 1e-7, -1e-7, 4e-7, 5e-7, 5.000001e-7, 0.0000015, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
        86400, 86399.9999995, 86399.9999994, 123456.1234565, 0.000001, 0.0000009, 999999999.999999, 999999999.9999995,
        1e9, -1e9, 1e9 + 0.5, 1234567890.123456, 1e15, 1e16, 1e17, 1e300, double.MaxValue, double.MinValue,
        double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 4096, 16384, 0.01, 1e-6 * 3,
        long.MaxValue, long.MinValue, 9007199254740993.0,
    ];

    [Test]
    public void EdgeValues_FormatAsTheCustomFormatDid()
    {
        foreach (var v in Edges)
            Assert.That(CsvTable.Format(v), Is.EqualTo(Reference(v)), v.ToString("R", CultureInfo.InvariantCulture));
    }

    [Test]
    public void RandomValues_FormatAsTheCustomFormatDid()
    {
        // Seeded, so every run tries the same values: times and waits (up to a month in seconds, with micros),
        // small fractions, values near the six-decimal rounding boundary, and any bit pattern at all.
        var random = new Random(18);
        for (int i = 0; i < 300_000; i++)
        {
            double v = (i % 5) switch
            {
                0 => random.NextDouble() * 2_592_000,
                1 => Math.Round(random.NextDouble() * 2_592_000, 6) + (random.Next(3) - 1) * 5e-7,
                2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-9, 12)),
                3 => random.Next(-100_000, 100_000) / 1e6 + 5e-7,
                _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
            };
            Assert.That(CsvTable.Format(v), Is.EqualTo(Reference(v)), v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void Row_IsWrittenWithTheSameBytes()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("t.csv");
        using (var table = new CsvTable(path, "a", "b", "c", "d", "e", "f"))
        {
            table.Add(86400.123456789).Add((double?)null).Add(-2.5).Add(long.MinValue).Add(1e300).Add(double.NaN);
            table.EndRow();
        }
        Assert.That(File.ReadAllText(path),
            Is.EqualTo("a,b,c,d,e,f\n86400.123457,,-2.5,-9223372036854775808," + Reference(1e300) + ",\n"));
    }
}
