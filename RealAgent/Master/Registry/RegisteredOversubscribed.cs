namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>
/// An agent's oversubscribed (revocable) total as the leader last accepted it (POST
/// /api/agents/{name}/oversubscribed), text such as <c>cpus:1;mem:512</c>; an agent without one has no entry.
/// Mesos keeps no such thing in its registry (src/master/registry.proto): a new leader learns the total because
/// the agent forwards its last estimate again as soon as it has (re-)registered (src/slave/slave.cpp,
/// Slave::registered and Slave::reregistered send generateUpdateSlaveMessage when oversubscribedResources is
/// set). The project's agent forwards its estimate only when it changes, so the leader keeps it here instead and
/// a new leader gives it back to the allocator the moment the agent re-registers (MasterHost.Readmit): revocable
/// offers resume at once, as in Mesos, whatever the agent does; a report that reaches the new leader later
/// simply replaces it.
/// </summary>
public sealed record RegisteredOversubscribed(string Agent, string Resources);
