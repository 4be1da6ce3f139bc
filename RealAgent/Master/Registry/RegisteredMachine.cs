namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>
/// A machine in the maintenance schedule as the registry keeps it: Mesos keeps the schedule and each machine's
/// MachineInfo (its mode and unavailability, include/mesos/v1/mesos.proto) in Registry.schedules and
/// Registry.machines (src/master/registry.proto), and a new leader reads both back (src/master/master.cpp,
/// Master::_recover). Here a machine is an agent with one window, so one entry holds both. The window is wall
/// time (Unix nanoseconds), as operators give it: each leader's loop counts from its own start.
/// </summary>
/// <param name="Mode"><c>DRAINING</c> or <c>DOWN</c> (an UP machine has no entry).</param>
/// <param name="DurationNanos">Null: an unbounded window.</param>
public sealed record RegisteredMachine(string Hostname, string Mode, long StartNanos, long? DurationNanos)
{
    public const string Draining = "DRAINING";
    public const string Down = "DOWN";
}
