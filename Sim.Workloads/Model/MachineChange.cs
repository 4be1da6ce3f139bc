namespace ClusterSim.Workloads.Model;

/// <summary>What happens to a machine at a <see cref="MachineEvent"/>.</summary>
public enum MachineChange
{
    /// <summary>The machine joins the cluster with the event's capacity.</summary>
    Add,

    /// <summary>The machine leaves the cluster (its tasks are lost).</summary>
    Remove,

    /// <summary>The machine's capacity becomes the event's capacity.</summary>
    Update,
}
