namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Series colours from the Okabe–Ito palette, which stays distinguishable under the common colour-vision
/// deficiencies. The order puts the most distinct colours first (most comparisons have 2–4 variants) and the yellow
/// last, as it is the weakest on white. Past eight series colours repeat, so each further block of eight gets its own
/// dash pattern: series i and i+8 then differ in pattern even where they share a colour.
/// </summary>
public static class Palette
{
    private static readonly string[] Colours =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    private static readonly string?[] Dashes = [null, "7 3", "2 2", "8 3 2 3", "4 2 1 2 1 2"];

    /// <summary>How many distinct colours there are before they repeat with a new dash pattern.</summary>
    public static int ColourCount => Colours.Length;

    /// <summary>The stroke/fill colour of series <paramref name="index"/> (0-based), as "#RRGGBB".</summary>
    public static string Colour(int index) => Colours[Math.Abs(index) % Colours.Length];

    /// <summary>The stroke-dasharray of series <paramref name="index"/>, or null for a solid line.</summary>
    public static string? Dash(int index) => Dashes[Math.Abs(index) / Colours.Length % Dashes.Length];
}
