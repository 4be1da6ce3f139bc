using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

/// <summary>Builds the allocator's records (agents, roles, frameworks) for tests of its parts alone.</summary>
internal static class PartsFixtures
{
    public static AgentSlot Agent(int id, string resources = "cpus:4;mem:4096") =>
        new(new AgentId(id), AgentInfo.Of("a" + id, resources));

    public static RoleSlot Role(string name, Quota? quota = null, RoleSlot? parent = null) =>
        new(name, 1.0, 0, new DrfSorter()) { Quota = quota ?? Quota.None, Parent = parent };

    public static FrameworkSlot Framework(int id, RoleSlot role) =>
        new(new FrameworkId(id), new FrameworkInfo("f" + id, role.Name), role, 0);

    public static Quota QuotaOf(string guarantee, string? limit = null)
    {
        R? l = limit == null ? null : R.Parse(limit);
        var limited = new ResourceKindSet();
        if (l is { } lr)
            foreach (var kind in ResourceKinds.All)
                if (lr.Fixed(kind) > 0) limited = limited.With(kind);
        return Quota.Create(guarantee == "" ? R.Empty : R.Parse(guarantee), l, limited);
    }
}
