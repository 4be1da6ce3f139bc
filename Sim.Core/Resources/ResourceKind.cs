namespace ClusterSim.Core.Resources;

/// <summary>The scalar resources the cluster schedules.</summary>
public enum ResourceKind
{
    Cpus = 0,
    Mem = 1,
    Disk = 2,
    Gpus = 3,
}
