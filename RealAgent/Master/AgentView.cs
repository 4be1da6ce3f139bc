namespace ClusterSim.RealAgent.Master;

/// <summary>
/// An agent in /state. State is "waiting" while it waits in the lobby for the run (Id null), "active" while
/// it heartbeats, "silent" once it has missed a heartbeat (it is removed after the configured number).
/// Used is what its live tasks hold (their footprints), out of its total.
/// </summary>
public sealed record AgentView(
    string Name,
    string Url,
    int? Id,
    string State,
    string Resources,
    double Cpus,
    double UsedCpus,
    double Mem,
    double UsedMem,
    int Tasks,
    double SecondsSinceHeard);
