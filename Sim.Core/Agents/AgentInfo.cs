using ClusterSim.Core.Resources;

namespace ClusterSim.Core.Agents;

/// <summary>What an agent advertises when it registers: a name unique in the cluster, its total resources
/// (some possibly reserved for roles) and attributes such as rack.</summary>
public sealed record AgentInfo(string Name, ResourceSet Total, IReadOnlyDictionary<string, string> Attributes)
{
    public static AgentInfo Of(string name, string resources) =>
        new(name, ResourceSet.Parse(resources), new SortedDictionary<string, string>(StringComparer.Ordinal));
}
