namespace ClusterSim.Experiments.Plots;

/// <summary>
/// An <see cref="Axis"/> fitted to data: the drawn range, the ticks with their labels, the printed title, and the
/// mapping from values to pixels. Built once per axis per render.
/// </summary>
internal sealed class ResolvedAxis
{
    private ResolvedAxis(AxisScale scale, double min, double max, IReadOnlyList<(double Value, string Label)> ticks, string title)
    {
        Scale = scale;
        Min = min;
        Max = max;
        Ticks = ticks;
        Title = title;
    }

    public AxisScale Scale { get; }

    /// <summary>Drawn range, in data units (seconds on a time axis).</summary>
    public double Min { get; }

    public double Max { get; }

    /// <summary>Tick positions in data units and their labels in display units.</summary>
    public IReadOnlyList<(double Value, string Label)> Ticks { get; }

    /// <summary>"Title (unit)".</summary>
    public string Title { get; }

    /// <summary>
    /// Fits <paramref name="spec"/> to data spanning [<paramref name="dataMin"/>, <paramref name="dataMax"/>]
    /// (infinite when there is no data, in which case only fixed bounds can help).
    /// Returns null when there is nothing to draw a range from.
    /// </summary>
    public static ResolvedAxis? Fit(Axis spec, double dataMin, double dataMax, int targetTicks)
    {
        var log = spec.Scale == AxisScale.Log;
        var lo = spec.Min is { } fixedMin && (!log || fixedMin > 0) ? fixedMin : dataMin;
        var hi = spec.Max is { } fixedMax && (!log || fixedMax > 0) ? fixedMax : dataMax;
        if (spec.IncludeZero && !log)
        {
            if (spec.Min is null) lo = Math.Min(lo, 0);
            if (spec.Max is null) hi = Math.Max(hi, 0);
        }
        if (!double.IsFinite(lo) && !double.IsFinite(hi)) return null;
        if (!double.IsFinite(lo)) lo = hi;
        if (!double.IsFinite(hi)) hi = lo;
        if (lo > hi) (lo, hi) = (hi, lo);

        var (divisor, unit) = spec.IsTime ? TimeUnit(hi - lo) : (1.0, spec.Unit);
        // Time axes end where the run ends: widening 0..90 min to 0..100 min would suggest ten minutes without data.
        var expandMin = spec.Min is null && !spec.IsTime;
        var expandMax = spec.Max is null && !spec.IsTime;
        NiceScale nice;
        IReadOnlyList<string> labels;
        if (log)
        {
            nice = NiceTicks.Log(lo / divisor, hi / divisor, targetTicks, expandMin, expandMax);
            labels = nice.Ticks.Select(TickFormat.Log).ToList();
        }
        else
        {
            nice = NiceTicks.Linear(lo / divisor, hi / divisor, targetTicks, expandMin, expandMax);
            labels = TickFormat.Linear(nice.Ticks, nice.Step);
        }

        var ticks = nice.Ticks.Select((t, i) => (t * divisor, labels[i])).ToList();
        var title = string.IsNullOrEmpty(unit) ? spec.Title : $"{spec.Title} ({unit})";
        return new ResolvedAxis(spec.Scale, nice.Min * divisor, nice.Max * divisor, ticks, title);
    }

    /// <summary>Whether <paramref name="value"/> can be placed on this axis at all (log axes cannot place ≤ 0).</summary>
    public bool CanPlace(double value) => double.IsFinite(value) && (Scale == AxisScale.Linear || value > 0);

    /// <summary>Maps a value to a pixel coordinate between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double value, double from, double to)
    {
        var t = Scale == AxisScale.Log
            ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (value - Min) / (Max - Min);
        return from + t * (to - from);
    }

    /// <summary>s under 3 minutes, min under 3 hours, h beyond: ticks then land on round numbers of that unit.</summary>
    private static (double Divisor, string Unit) TimeUnit(double spanSeconds) =>
        spanSeconds >= 3 * 3600 ? (3600, "h") : spanSeconds >= 180 ? (60, "min") : (1, "s");
}
