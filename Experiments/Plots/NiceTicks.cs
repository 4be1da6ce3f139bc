using System.Globalization;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Chooses tick values a reader can do arithmetic with: steps of 1, 2 or 5 times a power of ten on linear axes,
/// powers of ten on log axes. Where a bound is not fixed by the caller the range is widened to the next tick, so
/// 0..97 is drawn as 0..100 and the top line of data does not sit on the frame.
/// </summary>
public static class NiceTicks
{
    /// <summary>Linear ticks for [<paramref name="min"/>, <paramref name="max"/>], about <paramref name="targetCount"/> of them.</summary>
    /// <param name="expandMin">Widen the lower bound down to a tick; false when the caller fixed it (e.g. 0 for a percentage).</param>
    /// <param name="expandMax">Widen the upper bound up to a tick; false when the caller fixed it.</param>
    public static NiceScale Linear(double min, double max, int targetCount = 6, bool expandMin = true, bool expandMax = true)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException("Tick range must be finite.");
        if (min > max) (min, max) = (max, min);
        if (min == max)
        {
            // A constant series still needs a range to draw in; centre it rather than putting it on the frame.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        var step = NiceStep((max - min) / Math.Max(1, targetCount - 1));
        var first = expandMin ? Math.Floor(min / step + 1e-9) : Math.Ceiling(min / step - 1e-9);
        var last = expandMax ? Math.Ceiling(max / step - 1e-9) : Math.Floor(max / step + 1e-9);
        var ticks = new List<double>();
        for (var k = first; k <= last; k++)
        {
            ticks.Add(Multiple(k, step));
        }
        return new NiceScale(expandMin ? ticks[0] : min, expandMax ? ticks[^1] : max, step, ticks);
    }

    /// <summary>
    /// Log-axis ticks: every power of ten, thinned to about <paramref name="targetCount"/> when the range spans many
    /// decades, and filled in with 2 and 5 when it spans fewer than two (otherwise only one or two ticks would show).
    /// </summary>
    public static NiceScale Log(double min, double max, int targetCount = 8, bool expandMin = true, bool expandMax = true)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException("Log ticks need a positive, finite range.");
        if (min > max) (min, max) = (max, min);
        if (min == max)
        {
            min /= Math.Sqrt(10);
            max *= Math.Sqrt(10);
        }

        var lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        var hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        var drawnMin = expandMin ? Pow10(lo) : min;
        var drawnMax = expandMax ? Pow10(hi) : max;
        var decades = hi - lo;
        var ticks = new List<double>();
        if (decades < 2)
        {
            for (var e = lo; e <= hi; e++)
            {
                foreach (var m in (ReadOnlySpan<int>)[1, 2, 5])
                {
                    var v = Multiple(m, Pow10(e));
                    if (v >= drawnMin * (1 - 1e-9) && v <= drawnMax * (1 + 1e-9)) ticks.Add(v);
                }
            }
            return new NiceScale(drawnMin, drawnMax, 1, ticks);
        }

        var stride = Math.Max(1, (int)Math.Ceiling(decades / (double)Math.Max(1, targetCount - 1)));
        for (var e = lo; e <= hi; e += stride)
        {
            var v = Pow10(e);
            if (v >= drawnMin * (1 - 1e-9) && v <= drawnMax * (1 + 1e-9)) ticks.Add(v);
        }
        return new NiceScale(drawnMin, drawnMax, stride, ticks);
    }

    /// <summary>The 1-2-5 step nearest above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        var exponent = (int)Math.Floor(Math.Log10(rough));
        var fraction = rough / Math.Pow(10, exponent);
        var nice = fraction <= 1.0 + 1e-9 ? 1 : fraction <= 2.0 + 1e-9 ? 2 : fraction <= 5.0 + 1e-9 ? 5 : 10;
        return Multiple(nice, Pow10(exponent));
    }

    /// <summary>
    /// 10^e parsed from text, which is the double nearest to the decimal value; Math.Pow may be one bit off, and a
    /// tick at 0.30000000000000004 prints and compares badly.
    /// </summary>
    private static double Pow10(int exponent) =>
        double.Parse("1e" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>k × step, computed in decimal where it fits, so that 3 × 0.1 is 0.3 and not 0.30000000000000004.</summary>
    private static double Multiple(double k, double step)
    {
        var magnitude = Math.Abs(k * step);
        if (magnitude < 1e20 && Math.Abs(step) > 1e-20)
        {
            return (double)((decimal)k * (decimal)step);
        }
        return k * step;
    }
}
