namespace ClusterSim.Experiments.Model;

/// <summary>
/// The faults: section of an experiment, resolved: which parts of the cluster fail, how often and for how
/// long. Every draw comes from a stream derived from the run seed and a stable name (<c>faults/agent/NAME</c>,
/// <c>faults/rack/VALUE</c>, <c>faults/tasks/FRAMEWORK</c>, <c>faults/master</c>, <c>faults/messages</c>), so the
/// same file and seed give the same failures. <see cref="None"/> for a file without the section.
/// </summary>
public sealed record FaultSpec
{
    public static readonly FaultSpec None = new();

    public AgentFaults? Agents { get; init; }
    public RackFaults? Racks { get; init; }
    public IReadOnlyList<TaskFaults> Tasks { get; init; } = [];
    public MasterFaults? Master { get; init; }
    public MessageFaults? Messages { get; init; }

    /// <summary>True when nothing fails at random (timed events may still fail things).</summary>
    public bool IsEmpty => Agents == null && Racks == null && Tasks.Count == 0 && Master == null && Messages == null;
}
