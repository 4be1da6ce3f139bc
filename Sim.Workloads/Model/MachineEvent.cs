using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Model;

/// <summary>
/// A change to the cluster's machines at one instant. Readers yield these in nondecreasing
/// <see cref="At"/>, ties in the order the trace lists them.
/// </summary>
/// <param name="At">When, relative to the replay's start (window start, divided by the time scale).</param>
/// <param name="MachineId">The trace's machine id, as text (Google ids exceed int32).</param>
/// <param name="Kind">Join, leave or change of capacity.</param>
/// <param name="Capacity">The capacity after the event; empty for <see cref="MachineChange.Remove"/>.</param>
public sealed record MachineEvent(Time At, string MachineId, MachineChange Kind, Resources Capacity);
