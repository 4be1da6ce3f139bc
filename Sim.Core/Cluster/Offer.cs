using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>Resources of one agent offered to one framework. It is outstanding until accepted, declined,
/// rescinded or timed out.</summary>
public sealed record Offer(OfferId Id, FrameworkId Framework, AgentId Agent, AgentInfo AgentInfo,
    Resources.Resources Resources, Time MadeAt);
