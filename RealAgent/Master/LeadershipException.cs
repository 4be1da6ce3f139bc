namespace ClusterSim.RealAgent.Master;

/// <summary>A master cannot take part in leader election at all (etcd unreachable at start); the message names
/// the address.</summary>
public sealed class LeadershipException(string message, Exception inner) : Exception(message, inner);
