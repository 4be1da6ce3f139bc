using ClusterSim.Core.Oversubscription;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads the oversubscription: section (revocable resources, Mesos's oversubscription) and a framework's
/// usage: key:
/// <code>
/// oversubscription:
///   estimatorInterval: 15s   # how often agents report their slack (--oversubscribed_resources_interval)
///   offered: 0.8             # the share of each agent's slack offered as revocable, in (0, 1]
///   qos: { threshold: 1.0, interval: 0s, evict: all }   # evict: all (Mesos's load controller) or newest
/// frameworks:
///   - { name: spark, capabilities: [revocable], usage: { uniform: [0.3, 0.9] }, ... }
/// </code>
/// Without the section, nothing is revocable and the run is what it was before oversubscription existed.
/// </summary>
internal static class OversubscriptionSection
{
    public static OversubscriptionSettings? Read(YamlNode? node)
    {
        if (node == null) return null;
        node.WithKeys("estimatorInterval", "offered", "qos");
        var settings = new OversubscriptionSettings();
        if (node.Optional("estimatorInterval") is { } interval)
        {
            var d = interval.Duration();
            if (d.Micros <= 0 || d.IsForever) throw interval.Error("expected a positive interval such as 15s");
            settings = settings with { EstimatorInterval = d };
        }
        if (node.Optional("offered") is { } offered)
            settings = settings with { OfferedFraction = Fraction(offered, "the share of slack offered, in (0, 1]") };
        if (node.Optional("qos") is { } qos)
        {
            qos.WithKeys("threshold", "interval", "evict");
            if (qos.Optional("threshold") is { } threshold)
                settings = settings with { QosThreshold = Fraction(threshold, "the share of capacity usage may reach, in (0, 1]") };
            if (qos.Optional("interval") is { } qi)
            {
                var d = qi.Duration();
                if (d.Micros < 0 || d.IsForever) throw qi.Error("expected 0s (check at every launch) or a positive interval such as 5s");
                settings = settings with { QosInterval = d };
            }
            if (qos.Optional("evict") is { } evict)
            {
                settings = settings with
                {
                    Eviction = evict.Text() switch
                    {
                        "all" => EvictionRule.All,
                        "newest" => EvictionRule.NewestFirst,
                        var other => throw evict.Error($"unknown eviction rule '{other}', expected all or newest"),
                    },
                };
            }
        }
        return settings;
    }

    /// <summary>A framework's usage: the distribution of the share of its resources a task uses, in (0, 1].</summary>
    public static Distribution ReadUsage(YamlNode node)
    {
        var d = DistributionSection.Read(node, n => n.Number("a fraction"));
        if (DistributionSection.Lowest(d) < 0 || DistributionSection.Highest(d) > 1)
            throw node.Error("expected fractions of the allocation within [0, 1] (bound an unbounded distribution with max: 1)");
        return d;
    }

    private static double Fraction(YamlNode node, string expected)
    {
        double v = node.Number(expected);
        if (!(v > 0 && v <= 1)) throw node.Error($"expected {expected}, found '{node.Text()}'");
        return v;
    }
}
