using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads the <c>allocation</c> section shared by scenario and experiment files.</summary>
public static class AllocationSection
{
    /// <summary><paramref name="alsoAllowed"/>: keys the caller reads from the same map (an experiment's refuse).</summary>
    public static AllocationOptions Read(YamlNode? node, AllocationOptions? defaults = null, params string[] alsoAllowed)
    {
        var options = defaults ?? new AllocationOptions();
        if (node == null) return options;
        node.WithKeys(["policy", "interval", "offerTimeout", "minAllocatable", "fairnessExcludedResources", "filterGpuResources", "skipIdleRuns", "slot", "partitions", .. alsoAllowed]);
        if (node.Optional("policy") is { } policy)
        {
            var name = policy.Text();
            if (!AllocationPolicies.IsKnown(name))
                throw policy.Error($"unknown policy '{name}', expected one of: {AllocationPolicies.Names}");
            options = options with { Policy = name };
        }
        if (node.Optional("interval") is { } interval)
        {
            var d = interval.Duration();
            if (d.Micros <= 0 || d.IsForever) throw interval.Error("expected a positive, finite interval such as 1s");
            options = options with { Interval = d };
        }
        if (node.Optional("offerTimeout") is { } timeout)
        {
            var text = timeout.Text();
            if (text == "off") options = options with { OfferTimeout = null };
            else
            {
                var d = timeout.Duration();
                if (d.Micros <= 0) throw timeout.Error("expected a positive duration or 'off'");
                options = options with { OfferTimeout = d.IsForever ? null : d };
            }
        }
        if (node.Optional("minAllocatable") is { } min) options = options with { MinAllocatable = min.MinAllocatable() };
        if (node.Optional("fairnessExcludedResources") is { } excluded)
        {
            var set = new ResourceKindSet(0);
            foreach (var item in excluded.Items())
            {
                if (!ResourceKinds.TryParse(item.Text(), out var kind))
                    throw item.Error($"unknown resource '{item.Text()}', expected cpus, mem, disk or gpus");
                set = set.With(kind);
            }
            options = options with { FairnessExcluded = set };
        }
        if (node.Optional("filterGpuResources") is { } gpu) options = options with { FilterGpuResources = gpu.Boolean() };
        if (node.Optional("skipIdleRuns") is { } skip) options = options with { SkipIdleRuns = skip.Boolean() };
        if (node.Optional("slot") is { } slot)
        {
            var size = slot.Resources();
            if (size.IsEmpty) throw slot.Error("a slot must hold some resources, e.g. \"cpus:1;mem:2048\"");
            options = options with { Slot = size };
        }
        if (node.Optional("partitions") is { } partitions)
        {
            var fractions = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (role, value) in partitions.Entries())
            {
                double f = value.Number("a fraction of the agents");
                if (!(f > 0)) throw value.Error($"expected a positive fraction, found {f}");
                fractions[role] = f;
            }
            if (fractions.Count == 0) throw partitions.Error("expected at least one role");
            options = options with { Partitions = fractions };
        }
        if (options.Policy == "slots" && options.Slot == null)
            throw node.Error("the slots policy needs slot, e.g. slot: \"cpus:1;mem:2048\"");
        if (options.Policy == "static" && options.Partitions == null)
            throw node.Error("the static policy needs partitions, e.g. partitions: { analytics: 0.5, web: 0.5 }");
        return options;
    }
}
