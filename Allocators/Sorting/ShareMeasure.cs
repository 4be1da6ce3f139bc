namespace ClusterSim.Allocators.Sorting;

/// <summary>How much of the cluster an allocation amounts to, before weighting.</summary>
public delegate double ShareMeasure(Core.Resources.Resources allocation, Core.Resources.Resources total);
