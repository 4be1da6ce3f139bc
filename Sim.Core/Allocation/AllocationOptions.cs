using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Allocation;

/// <summary>
/// How allocation runs, validated once at the edge: the loop's timing and Mesos's allocator flags; what the
/// allocator decides by (sorters, partitions, slots) is the policy's (Allocators' AllocationPolicy).
/// Defaults are Mesos's: a 1 s batch interval (--allocation_interval), offers that never time out
/// (--offer_timeout unset), cpus:0.01|mem:32 as the smallest offer (--min_allocatable_resources), GPU agents
/// only for GPU-capable frameworks (--filter_gpu_resources).
/// </summary>
public sealed record AllocationOptions
{
    public Duration Interval { get; init; } = Duration.FromSeconds(1);
    public Duration? OfferTimeout { get; init; }
    public MinAllocatable MinAllocatable { get; init; } = MinAllocatable.Default;
    public bool FilterGpuResources { get; init; } = true;

    /// <summary>
    /// Skip a periodic run when nothing it could use has changed since the last run (no resources freed, no
    /// demand, no filter expired): it would make no offer, so skipping it changes nothing but the cost.
    /// </summary>
    public bool SkipIdleRuns { get; init; } = true;
}
