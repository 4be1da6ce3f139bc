using ClusterSim.Allocators.Sorting;

namespace ClusterSim.Allocators;

/// <summary>The sorters an allocation section can name for <c>roleSorter</c> and <c>frameworkSorter</c>.</summary>
public static class Sorters
{
    /// <summary>Sorter names with what they order by, in the order they are documented.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("drf", "lowest weighted dominant share first (Mesos's DRFSorter)"),
        ("random", "a new weighted random order at every agent (Mesos's RandomSorter)"),
        ("slots", "lowest weighted count of slots held first (needs allocation.slot)"),
        ("asset", "lowest weighted sum of shares of every resource first"),
        ("fifo", "in the order they registered"),
    ];

    public static bool IsKnown(string name) => All.Any(s => s.Name == name);

    public static string Names => string.Join(", ", All.Select(s => s.Name));

    /// <summary>Makes sorters of one kind for <paramref name="policy"/>.</summary>
    public static SorterFactory Factory(string name, AllocationPolicy policy) => name switch
    {
        "drf" => _ => new DrfSorter(policy.FairnessExcluded),
        "random" => stream => new RandomSorter(stream),
        "asset" => _ => new FairShareSorter(ShareMeasures.Asset(policy.FairnessExcluded)),
        "slots" => _ => new FairShareSorter(ShareMeasures.Slots(policy.Slot
            ?? throw new ArgumentException("the slots sorter needs allocation.slot, e.g. \"cpus:1;mem:2048\""))),
        "fifo" => _ => new FifoSorter(),
        _ => throw new ArgumentException($"unknown sorter '{name}', expected one of: {Names}"),
    };
}
