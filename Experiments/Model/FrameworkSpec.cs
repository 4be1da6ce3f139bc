using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Model;

/// <summary>One framework of an experiment: its kind, its settings, and where its work comes from.</summary>
public sealed record FrameworkSpec(FrameworkKind Kind, FrameworkSettings Settings, WorkloadSpec? Workload)
{
    /// <summary>Gang frameworks: how long offers are held while a gang is assembled.</summary>
    public Duration HoldTimeout { get; init; } = Duration.FromSeconds(30);

    /// <summary>Gang frameworks: whether later gangs that fit may start before a blocked head.</summary>
    public bool Backfill { get; init; }

    /// <summary>The share of its allocation a task uses (usage:), drawn per task; null: all of it.</summary>
    public Workloads.Synthetic.Distribution? Usage { get; init; }

    /// <summary>Service frameworks: instances and autoscaling.</summary>
    public ServiceSettings? Service { get; init; }

    /// <summary>A MULTI_ROLE batch framework's work pinned to its roles (<c>workloads:</c>), each role's workload
    /// run only on offers made to that role; null: <see cref="Workload"/> runs in any of its roles.</summary>
    public IReadOnlyList<(string Role, WorkloadSpec Workload)>? RoleWorkloads { get; init; }
}
