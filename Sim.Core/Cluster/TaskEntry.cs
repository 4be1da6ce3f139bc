using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a live (non-terminal) task.</summary>
/// <remarks>
/// One of these lives as long as its task, and a large run holds hundreds of thousands of them, each promoted
/// by the young collections it outlives. Most tasks hold exactly what they asked for and nothing reserved, so
/// what they hold is kept apart only when it differs (a slots policy rounds a task up to whole slots; a task
/// on a reservation holds part of it reserved): 64 bytes a task instead of 120, measured on scale-100k
/// (docs/PERFORMANCE.md).
/// </remarks>
internal sealed class TaskEntry(FrameworkId framework, AgentId agent, TaskSpec spec, Time launchedAt)
{
    private HeldParts? _held;

    public FrameworkId Framework { get; } = framework;
    public AgentId Agent { get; } = agent;
    public TaskSpec Spec { get; } = spec;
    public Time LaunchedAt { get; } = launchedAt;
    public TaskState State { get; set; } = TaskState.Staging;

    /// <summary>Its place in the master's <see cref="LiveTaskTable"/> while it is there.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>What the task holds on its agent (its footprint): what it asked for unless set otherwise.</summary>
    public Core.Resources.Resources Held
    {
        get => _held?.Held ?? Spec.Resources;
        init => _held = HeldParts.Of(Spec.Resources, value, HeldReserved);
    }

    /// <summary>The part of <see cref="Held"/> reserved for its role.</summary>
    public Core.Resources.Resources HeldReserved
    {
        get => _held?.Reserved ?? default;
        init => _held = HeldParts.Of(Spec.Resources, Held, value);
    }

    /// <summary>The role of the offer it was launched on: what it holds is accounted there.</summary>
    public required string Role { get; init; }

    private sealed record HeldParts(Core.Resources.Resources Held, Core.Resources.Resources Reserved)
    {
        /// <summary>Null when the task holds what it asked for and none of it is reserved.</summary>
        public static HeldParts? Of(Core.Resources.Resources asked, Core.Resources.Resources held, Core.Resources.Resources reserved) =>
            held.Equals(asked) && reserved.IsEmpty ? null : new HeldParts(held, reserved);
    }
}
