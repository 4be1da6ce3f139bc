namespace ClusterSim.Experiments.Running;

/// <summary>What the faults of one run cost: agents that failed (alone, with their rack, or by not
/// re-registering after a master failover), the cpu-seconds tasks had run when a fault ended them, and the
/// goodput, useful cpu-seconds over all cpu-seconds tasks ran (1 when nothing was lost; NaN when nothing
/// ran).</summary>
public sealed record FaultCost(long AgentsFailed, double WorkLostCpuSeconds, double Goodput);
