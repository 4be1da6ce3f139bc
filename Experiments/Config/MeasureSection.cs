using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment's measure: section, the window every time-averaged metric covers (utilisation,
/// shares, fairness, service load), so warm-up and wind-down can be left out:
/// <code>
/// measure: { from: 30m, to: 3h }   # default: the whole run; either key may be left out
/// </code>
/// </summary>
internal static class MeasureSection
{
    public static MeasureWindow Read(YamlNode? node, Duration horizon)
    {
        if (node == null) return MeasureWindow.WholeRun;
        node.WithKeys("from", "to");
        var fromNode = node.Optional("from");
        var from = fromNode == null ? Duration.Zero : Offset(fromNode);
        if (from >= horizon) throw fromNode!.Error($"expected a start before the horizon ({horizon})");
        Duration? to = null;
        if (node.Optional("to") is { } toNode)
        {
            to = Offset(toNode);
            if (to.Value <= from) throw toNode.Error($"expected an end after from ({from}), found {to.Value}");
        }
        return new MeasureWindow(Time.Zero + from, to is { } t ? Time.Zero + t : null);
    }

    private static Duration Offset(YamlNode node)
    {
        var d = node.Duration();
        if (d.Micros < 0 || d.IsForever) throw node.Error("expected a finite time from the start of the run, such as 30m");
        return d;
    }
}
