namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// POST /api/tasks/launch, master to agent. <see cref="WallSeconds"/> is the task's duration already divided
/// by the time scale (null: runs until killed). <see cref="Command"/> null: the default command, which
/// burns <see cref="Cpus"/> for that long; empty: the image's own command. <see cref="PartitionAware"/>: the
/// task's framework hears TASK_UNREACHABLE rather than TASK_LOST when this agent is cut off, so the agent keeps
/// the task running through a partition (the others it kills, see AgentDaemon). <see cref="Revocable"/>: the task
/// runs on revocable resources (an offer of Sim.Core's RevocableResources.Role; Mesos marks each of the task's
/// resources with a RevocableInfo), so the agent's QoS controller may evict it and its slack estimate adds back
/// what it holds. <see cref="Usage"/>: the share of its cpus the default command keeps busy (a framework's
/// <c>usage:</c> draw in <c>run --live</c>, so that a live task leaves the slack its simulated twin leaves);
/// null: all of them.
/// </summary>
public sealed record TaskLaunch(
    int FrameworkId,
    string Framework,
    string TaskId,
    double Cpus,
    double Mem,
    double? WallSeconds,
    string Image,
    IReadOnlyList<string>? Command,
    bool Network = false,
    bool PartitionAware = false,
    bool Revocable = false,
    double? Usage = null);
