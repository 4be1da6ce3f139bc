namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// POST /api/agents/{name}/oversubscribed, agent to master: the agent's oversubscribed (revocable) total, e.g.
/// <c>cpus:1.5;mem:512</c>, as its resource estimator last estimated it; empty: none (Mesos's
/// UpdateSlaveMessage with update_oversubscribed_resources, src/slave/slave.cpp forwardOversubscribed).
/// </summary>
public sealed record OversubscribedReport(string? Resources);
