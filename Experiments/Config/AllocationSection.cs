using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads the <c>allocation</c> section shared by scenario and experiment files.</summary>
public static class AllocationSection
{
    public static AllocationOptions Read(YamlNode? node, AllocationOptions? defaults = null, string extraKeys = "")
    {
        var options = defaults ?? new AllocationOptions();
        if (node == null) return options;
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
        node.RejectUnknownKeys("policy, interval, offerTimeout, minAllocatable, fairnessExcludedResources, filterGpuResources, skipIdleRuns" + extraKeys);
        return options;
    }
}
