using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads <c>roles</c>: each role's <c>weight</c> (default 1) and <c>quota</c>.</summary>
public static class RolesSection
{
    public static SortedDictionary<string, RoleSpec> Read(YamlNode? node)
    {
        var roles = new SortedDictionary<string, RoleSpec>(StringComparer.Ordinal);
        if (node == null) return roles;
        foreach (var (role, spec) in node.Entries())
        {
            if (RoleNames.Problem(role) is { } problem) throw spec.Error(problem);
            spec.WithKeys("weight", "quota");
            double weight = 1;
            if (spec.Optional("weight") is { } w)
            {
                weight = w.Number("a positive weight");
                if (!(weight > 0)) throw w.Error($"expected a positive weight, found {weight}");
            }
            var quota = spec.Optional("quota") is { } q ? QuotaSection.Read(q) : Core.Allocation.Quota.None;
            if (quota != Core.Allocation.Quota.None && RoleNames.Parent(role) != null)
                throw spec.Optional("quota")!.Error("quota can be set on top-level roles only (as in Mesos's allocator)");
            roles[role] = new RoleSpec(weight) { Quota = quota };
        }
        return roles;
    }
}
