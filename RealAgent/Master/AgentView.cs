namespace ClusterSim.RealAgent.Master;

/// <summary>
/// An agent in /state. State is "waiting" while it waits in the lobby for the run (Id null), "active" while
/// it heartbeats, "silent" once it has missed a heartbeat (it is removed after the configured number).
/// Used is what its regular (non-revocable) live tasks hold (their footprints), out of its total.
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
    double SecondsSinceHeard)
{
    /// <summary>The agent's oversubscribed (revocable) total as it last reported it; 0 without
    /// --oversubscription. Mesos's /state shows it as <c>resources.cpus_revocable</c> (src/common/http.cpp,
    /// model(Resources): revocable amounts are named <c>NAME_revocable</c>).</summary>
    public double CpusRevocable { get; init; }

    /// <summary>What its revocable tasks hold (Mesos's <c>used_resources.cpus_revocable</c>).</summary>
    public double UsedCpusRevocable { get; init; }

    public double MemRevocable { get; init; }
    public double UsedMemRevocable { get; init; }
}
