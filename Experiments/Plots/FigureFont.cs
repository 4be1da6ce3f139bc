using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The font every figure is drawn in: DejaVu Sans, shipped in Experiments/Fonts and copied next to the program.
/// ScottPlot draws no text at all (and reports nothing) on a machine without fonts, so relying on the system's
/// would give figures without labels on a fresh machine; registering a file we ship also makes the text the
/// same on every machine.
/// </summary>
public static class FigureFont
{
    public const string Name = "DejaVu Sans";

    private static readonly Lazy<string> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the font before any plot is made: a plot's labels take the default font when created.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    private static string Register()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing; the build copies Experiments/Fonts/DejaVuSans.ttf next to the program, and without it figures have no text");
        Fonts.AddFontFile(Name, path);
        Fonts.Default = Name;
        return path;
    }
}
