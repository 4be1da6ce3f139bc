using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Policy;

/// <summary>
/// Slot-based allocation as the Hadoop Fair Scheduler did it: every agent is cut into fixed slots, an offer is
/// whole slots, and a task holds whole slots whatever its demand (its demand rounded up in every slot
/// resource).
/// </summary>
internal sealed class SlotUnit(R slot) : IResourceUnit
{
    public R Slot { get; } = slot;

    public bool Cuts => true;

    public R Footprint(R task)
    {
        long slots = (long)Math.Ceiling(ShareMeasures.SlotsHeld(task, Slot) - 1e-9);
        var footprint = task;
        foreach (var kind in ResourceKinds.All)
            if (Slot.Fixed(kind) > 0) footprint = footprint.With(kind, Math.Max(task[kind], Slot[kind] * slots));
        return footprint;
    }

    public R Cut(R unreserved)
    {
        long n = ShareMeasures.SlotCount(unreserved, Slot);
        var cut = unreserved;
        foreach (var kind in ResourceKinds.All)
            if (Slot.Fixed(kind) > 0) cut = cut.With(kind, Slot[kind] * n);
        return cut;
    }
}
