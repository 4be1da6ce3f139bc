using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The master asks a framework to give an agent back for its maintenance window (Mesos's InverseOffer, sent to
/// frameworks that hold resources there). The framework accepts (it is ready for the window) or declines,
/// optionally with a filter; until it answers, no other inverse offer for that agent is made to it.
/// </summary>
public sealed record InverseOffer(OfferId Id, FrameworkId Framework, AgentId Agent, AgentInfo AgentInfo,
    Unavailability Unavailability, Time MadeAt);
