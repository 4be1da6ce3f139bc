namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Estimates how wide a string renders in a generic sans-serif font. SVG has no way to measure text before it is
/// drawn and we embed no font, so layout (margins, legend width, whether labels collide) works from per-character
/// estimates. They err on the wide side: a little spare room looks fine, clipped text does not.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '|' or '!' or '\'' or ' ' => 0.3,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' => 0.4,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.9,
                >= 'A' and <= 'Z' => 0.7,
                _ => 0.58,
            };
        }
        return em * fontSize;
    }
}
