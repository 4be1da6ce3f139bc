namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Thins a long series for drawing. A day sampled every second is 86 400 points, far more than the ~700 pixels a
/// chart is wide, and would make each SVG megabytes large. Keeping, for each pixel-wide bucket of X, the point with
/// the lowest and the one with the highest Y draws the same picture: every spike and dip stays visible, which
/// averaging or taking every n-th point would not guarantee. Deterministic: the same input gives the same output.
/// </summary>
public static class Downsampler
{
    /// <summary>Series longer than this are thinned; shorter ones are drawn as they are.</summary>
    public const int MaxPointsPerSeries = 2000;

    /// <summary>
    /// Returns at most 2 × <paramref name="buckets"/> + 2 of <paramref name="points"/>, in their original order: the
    /// first and last point, and for each of <paramref name="buckets"/> equal-width X ranges its minimum and maximum
    /// by Y. Points must be finite. A list no longer than the bound is returned as it is.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> MinMax(IReadOnlyList<(double X, double Y)> points, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (points.Count <= 2 * buckets + 2) return points;

        var minX = double.PositiveInfinity;
        var maxX = double.NegativeInfinity;
        foreach (var (x, _) in points)
        {
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
        }

        var lowest = new int[buckets];
        var highest = new int[buckets];
        Array.Fill(lowest, -1);
        Array.Fill(highest, -1);
        var width = maxX - minX;
        for (var i = 0; i < points.Count; i++)
        {
            var b = width > 0 ? (int)Math.Min(buckets - 1, (points[i].X - minX) / width * buckets) : 0;
            if (lowest[b] < 0 || points[i].Y < points[lowest[b]].Y) lowest[b] = i;
            if (highest[b] < 0 || points[i].Y > points[highest[b]].Y) highest[b] = i;
        }

        // Indices, not points, are collected so that the original order can be restored and duplicates dropped.
        var keep = new SortedSet<int> { 0, points.Count - 1 };
        for (var b = 0; b < buckets; b++)
        {
            if (lowest[b] >= 0) keep.Add(lowest[b]);
            if (highest[b] >= 0) keep.Add(highest[b]);
        }
        return keep.Select(i => points[i]).ToList();
    }
}
