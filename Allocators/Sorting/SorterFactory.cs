using ClusterSim.Core.Random;

namespace ClusterSim.Allocators.Sorting;

/// <summary>Makes the sorters of one policy: one for roles, one per role for its frameworks.
/// <paramref name="runStream"/> gives the random stream of the allocation run in progress.</summary>
public delegate ISorter SorterFactory(Func<RandomStream> runStream);
