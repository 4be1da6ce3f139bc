namespace ClusterSim.Core.Tasks;

/// <summary>Mesos's v1 spellings of <see cref="StatusReason"/> and <see cref="StatusSource"/>
/// (include/mesos/v1/mesos.proto, enums TaskStatus.Reason and TaskStatus.Source), for the scheduler API's UPDATE
/// and the outputs.</summary>
public static class StatusReasons
{
    /// <summary>REASON_CONTAINER_PREEMPTED for <see cref="StatusReason.ContainerPreempted"/>; null when unset.</summary>
    public static string? MesosName(this StatusReason reason) => reason switch
    {
        StatusReason.Unset => null,
        StatusReason.ContainerPreempted => "REASON_CONTAINER_PREEMPTED",
        StatusReason.Reconciliation => "REASON_RECONCILIATION",
        StatusReason.AgentRemoved => "REASON_AGENT_REMOVED",
        StatusReason.AgentRemovedByOperator => "REASON_AGENT_REMOVED_BY_OPERATOR",
        StatusReason.FrameworkRemoved => "REASON_FRAMEWORK_REMOVED",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>SOURCE_AGENT for <see cref="StatusSource.Agent"/>; null when unset.</summary>
    public static string? MesosName(this StatusSource source) => source switch
    {
        StatusSource.Unset => null,
        StatusSource.Agent => "SOURCE_AGENT",
        StatusSource.Master => "SOURCE_MASTER",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>A status's text for logs: its message, after its reason code when it has one
    /// (<c>REASON_CONTAINER_PREEMPTED: Container preempted by QoS correction</c>); null when it has neither.</summary>
    public static string? Described(this StatusUpdate status) => (status.Code.MesosName(), status.Reason) switch
    {
        (null, var message) => message,
        (var code, null) => code,
        (var code, var message) => $"{code}: {message}",
    };

    /// <summary>The reason Mesos spells <paramref name="name"/>; unset for none or one the simulator does not
    /// give (a status keeps its message either way).</summary>
    public static StatusReason ReasonNamed(string? name)
    {
        // v0's spellings of the agent's removal (the v1 API renamed SLAVE to AGENT).
        if (name == "REASON_SLAVE_REMOVED") return StatusReason.AgentRemoved;
        if (name == "REASON_SLAVE_REMOVED_BY_OPERATOR") return StatusReason.AgentRemovedByOperator;
        foreach (var r in Enum.GetValues<StatusReason>())
            if (r != StatusReason.Unset && r.MesosName() == name) return r;
        return StatusReason.Unset;
    }

    /// <summary>The source Mesos spells <paramref name="name"/> (SOURCE_SLAVE, v0's name, too); unset for none or
    /// one the simulator does not name.</summary>
    public static StatusSource SourceNamed(string? name) => name switch
    {
        "SOURCE_AGENT" or "SOURCE_SLAVE" => StatusSource.Agent,
        "SOURCE_MASTER" => StatusSource.Master,
        _ => StatusSource.Unset,
    };
}
