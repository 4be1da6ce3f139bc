using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>Mesos's DRFSorter: clients ordered by weighted dominant share (Ghodsi et al., NSDI 2011).</summary>
public sealed class DrfSorter(ResourceKindSet fairnessExcluded = default)
    : FairShareSorter(fairnessExcluded);
