using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads the <c>allocation</c> section shared by scenario and experiment files: how allocation runs
/// (Sim.Core's options) and what it decides by (the policy: a shorthand, sorters, slot, partitions).</summary>
public static class AllocationSection
{
    /// <summary><paramref name="alsoAllowed"/>: keys the caller reads from the same map (an experiment's refuse).</summary>
    public static (AllocationOptions Options, AllocationPolicy Policy) Read(YamlNode? node, params string[] alsoAllowed)
    {
        var options = new AllocationOptions();
        var rule = AllocationPolicy.Default;
        if (node == null) return (options, rule);
        node.WithKeys(["policy", "roleSorter", "frameworkSorter", "interval", "offerTimeout", "minAllocatable", "fairnessExcludedResources", "filterGpuResources", "skipIdleRuns", "slot", "partitions", .. alsoAllowed]);
        if (node.Optional("policy") is { } policy)
        {
            var name = policy.Text();
            if (!AllocationPolicies.IsKnown(name))
                throw policy.Error($"unknown policy '{name}', expected one of: {AllocationPolicies.Names}");
            rule = AllocationPolicy.Named(name);
        }
        // Mesos chooses the role sorter and the framework sorter separately (--role_sorter, --framework_sorter);
        // either overrides what the policy shorthand stands for.
        if (node.Optional("roleSorter") is { } roleSorter) rule = rule with { RoleSorter = SorterName(roleSorter) };
        if (node.Optional("frameworkSorter") is { } frameworkSorter)
            rule = rule with { FrameworkSorter = SorterName(frameworkSorter) };
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
            rule = rule with { FairnessExcluded = set };
        }
        if (node.Optional("filterGpuResources") is { } gpu) options = options with { FilterGpuResources = gpu.Boolean() };
        if (node.Optional("skipIdleRuns") is { } skip) options = options with { SkipIdleRuns = skip.Boolean() };
        if (node.Optional("slot") is { } slot)
        {
            var size = slot.Resources();
            if (size.IsEmpty) throw slot.Error("a slot must hold some resources, e.g. \"cpus:1;mem:2048\"");
            rule = rule with { Slot = size };
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
            rule = rule with { Partitions = fractions };
        }
        if (rule.UsesSlots && rule.Slot == null)
            throw node.Error("the slots sorter needs slot, e.g. slot: \"cpus:1;mem:2048\"");
        if (rule.Partitioned && rule.Partitions == null)
            throw node.Error("the static policy needs partitions, e.g. partitions: { analytics: 0.5, web: 0.5 }");
        // A slot or partitions given for another policy are not used (a variant may switch policy).
        if (!rule.UsesSlots) rule = rule with { Slot = null };
        if (!rule.Partitioned) rule = rule with { Partitions = null };
        return (options, rule);
    }

    private static string SorterName(YamlNode node)
    {
        var name = node.Text();
        if (!Sorters.IsKnown(name)) throw node.Error($"unknown sorter '{name}', expected one of: {Sorters.Names}");
        return name;
    }
}
