using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// The file's live: section, used only by <c>clustersim run --live</c>. In a live run the cluster is the
/// agent daemons that register with the master; the file's cluster: section is what the simulation of the
/// same file uses. The run starts once <see cref="ExpectAgents"/> agents have registered, waiting at most
/// <see cref="AgentsTimeout"/>. <see cref="TimeScale"/> compresses trace time: every duration is divided by
/// it in wall terms. An agent silent for <see cref="HeartbeatInterval"/> x <see cref="MaxMissedHeartbeats"/>
/// (wall time) is removed; 15 s x 5 is Mesos's default.
/// </summary>
public sealed record LiveSpec(int ExpectAgents, Duration AgentsTimeout, double TimeScale, string MasterListen)
{
    public const string DefaultListen = "http://127.0.0.1:5050";

    public Duration HeartbeatInterval { get; init; } = Duration.FromSeconds(15);
    public int MaxMissedHeartbeats { get; init; } = 5;
}
