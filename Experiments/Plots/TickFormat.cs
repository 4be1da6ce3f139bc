using System.Globalization;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Turns numbers into short labels: as many decimals as the tick step needs and no more, k/M suffixes for large
/// values so labels stay narrow, and never "-0". All formatting is invariant-culture so output is repeatable.
/// </summary>
public static class TickFormat
{
    /// <summary>Labels for the ticks of one linear axis; the suffix is chosen once for the axis so labels line up.</summary>
    public static IReadOnlyList<string> Linear(IReadOnlyList<double> ticks, double step)
    {
        var maxAbs = ticks.Count == 0 ? 0 : ticks.Max(Math.Abs);
        var (divisor, suffix) = maxAbs >= 1e7 ? (1e6, "M") : maxAbs >= 1e4 ? (1e3, "k") : (1.0, "");
        // As many decimals as a 1-2-5 step needs, plus more if a tick still does not print exactly (a step of 2500
        // shown in k needs "2.5k", not "2k").
        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step / divisor) + 1e-9), 0, 10);
        while (decimals < 10 && ticks.Any(t => Math.Abs(Math.Round(t / divisor, decimals) - t / divisor) > step / divisor * 1e-6))
        {
            decimals++;
        }
        var format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        // With a suffix, zero is plain "0": "0k" reads as a rounding artefact.
        return ticks.Select(t => t == 0 && suffix.Length > 0 ? "0" : Clean((t / divisor).ToString(format, CultureInfo.InvariantCulture)) + suffix).ToList();
    }

    /// <summary>A label for one tick on a log axis: 1k, 10k, 1M, 0.001, 1e-6.</summary>
    public static string Log(double value)
    {
        var abs = Math.Abs(value);
        if (abs >= 1e6) return Clean((value / 1e6).ToString("0.##", CultureInfo.InvariantCulture)) + "M";
        if (abs >= 1e3) return Clean((value / 1e3).ToString("0.##", CultureInfo.InvariantCulture)) + "k";
        if (abs >= 1e-4 || abs == 0) return Clean(value.ToString("0.####", CultureInfo.InvariantCulture));
        return value.ToString("0.#e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A data value for a bar label or tooltip: three significant digits, which is all a reader takes from a chart.
    /// </summary>
    public static string Value(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        var abs = Math.Abs(value);
        if (abs >= 1e7) return Clean((value / 1e6).ToString("0.##", CultureInfo.InvariantCulture)) + "M";
        if (abs >= 1e4) return Clean((value / 1e3).ToString("0.#", CultureInfo.InvariantCulture)) + "k";
        if (abs != 0 && abs < 1e-4) return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        var decimals = abs == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(abs)), 0, 6);
        var format = "0." + new string('#', decimals);
        return Clean(value.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>"-0" and "-0.00" come from values a hair below zero; they read as a bug, so drop the sign.</summary>
    private static string Clean(string s) => s.StartsWith('-') && s.AsSpan(1).Trim("0.").IsEmpty ? s[1..] : s;
}
