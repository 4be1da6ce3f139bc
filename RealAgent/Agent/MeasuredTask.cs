namespace ClusterSim.RealAgent.Agent;

/// <summary>A running task at one estimator tick: what it was allocated and what it used since the last tick
/// (cpus: its CPU rate over the tick; mem: in use now); <see cref="Used"/> null when it could not be measured yet
/// (a container seen for the first time has no rate, or its stats could not be read).</summary>
public sealed record MeasuredTask(RunningContainer Task, Core.Resources.Resources Allocated, Core.Resources.Resources? Used);
