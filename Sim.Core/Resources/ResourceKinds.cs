namespace ClusterSim.Core.Resources;

/// <summary>Names of the resource kinds as they appear in the Mesos text form.</summary>
public static class ResourceKinds
{
    public static readonly ResourceKind[] All = [ResourceKind.Cpus, ResourceKind.Mem, ResourceKind.Disk, ResourceKind.Gpus];

    public static string Name(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpus => "cpus",
        ResourceKind.Mem => "mem",
        ResourceKind.Disk => "disk",
        ResourceKind.Gpus => "gpus",
        _ => throw new ArgumentOutOfRangeException(nameof(kind))
    };

    public static bool TryParse(string name, out ResourceKind kind)
    {
        switch (name)
        {
            case "cpus": kind = ResourceKind.Cpus; return true;
            case "mem": kind = ResourceKind.Mem; return true;
            case "disk": kind = ResourceKind.Disk; return true;
            case "gpus": kind = ResourceKind.Gpus; return true;
            default: kind = default; return false;
        }
    }
}
