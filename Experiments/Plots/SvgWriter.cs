using System.Globalization;
using System.Text;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Writes SVG markup by hand rather than through System.Xml: we need full control over number formatting (two
/// decimals, invariant culture) so that the same chart is the same bytes on every machine, and the string form is
/// what both the HTML report (inline) and the standalone .svg files want. Every piece of caller text goes through
/// <see cref="Escape"/>, so a series called "a<b & c" cannot break the document.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    public void Open(string tag, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        WriteStart(tag, attributes);
        _sb.Append(">\n");
    }

    public void Close(string tag) => _sb.Append("</").Append(tag).Append(">\n");

    /// <summary>An element without content, e.g. a grid line.</summary>
    public void Leaf(string tag, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        WriteStart(tag, attributes);
        _sb.Append("/>\n");
    }

    /// <summary>An element whose only content is text, e.g. a label or a tooltip.</summary>
    public void Text(string tag, string text, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        WriteStart(tag, attributes);
        _sb.Append('>').Append(Escape(text, inAttribute: false)).Append("</").Append(tag).Append(">\n");
    }

    /// <summary>An element holding only a hover tooltip: browsers show a child &lt;title&gt; on hover.</summary>
    public void WithTooltip(string tag, string tooltip, params ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        WriteStart(tag, attributes);
        _sb.Append("><title>").Append(Escape(tooltip, inAttribute: false)).Append("</title></").Append(tag).Append(">\n");
    }

    /// <summary>Appends markup written by another writer, so a part can be measured (hashed) before it is placed.</summary>
    public void Append(SvgWriter other) => _sb.Append(other._sb);

    public override string ToString() => _sb.ToString();

    private void WriteStart(string tag, ReadOnlySpan<(string Name, object? Value)> attributes)
    {
        _sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            // A null value means "attribute not wanted" (e.g. no dash pattern), which keeps call sites flat.
            if (value is null) continue;
            _sb.Append(' ').Append(name).Append("=\"").Append(Format(value)).Append('"');
        }
    }

    private static string Format(object value) => value switch
    {
        double d => Num(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => Escape(s, inAttribute: true),
        _ => Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", inAttribute: true),
    };

    /// <summary>
    /// Pixel coordinates with at most two decimals: finer is invisible and only makes files larger and diffs noisier.
    /// </summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value)) return "0";
        var s = value.ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }

    /// <summary>
    /// XML-escapes text. Characters XML 1.0 cannot carry at all (control characters, lone surrogates) become U+FFFD,
    /// because escaping them is not enough: a parser rejects "&amp;#1;" too. Inside attributes, tabs and newlines are
    /// written as character references so that attribute-value normalisation does not turn them into spaces.
    /// </summary>
    public static string Escape(string text, bool inAttribute)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when inAttribute: sb.Append("&quot;"); break;
                case '\t' or '\n' or '\r' when inAttribute:
                    sb.Append("&#").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
                case '\t' or '\n':
                    sb.Append(c);
                    break;
                case '\r':
                    sb.Append("&#13;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A stable (FNV-1a) hash for element ids: ids must not collide when several charts are inlined into one HTML
    /// page, yet must not depend on anything but the chart's content, or the output would stop being repeatable.
    /// </summary>
    public static string StableId(string prefix, string content)
    {
        var hash = 2166136261u;
        foreach (var c in content)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return prefix + hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
