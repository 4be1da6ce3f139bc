namespace ClusterSim.Workloads.Frameworks;

/// <summary>How a framework behaves: elastic batch, rigid gang, or long-running service.</summary>
public enum FrameworkKind
{
    Batch,
    Gang,
    Service,
}
