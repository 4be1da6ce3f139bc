using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>The share measures of the fair-share policies.</summary>
public static class ShareMeasures
{
    /// <summary>DRF's dominant share: the largest share over the resources the cluster has (Ghodsi et al.,
    /// NSDI 2011); resources excluded from fairness are left out.</summary>
    public static ShareMeasure Dominant(ResourceKindSet excluded) => (a, t) => a.MaxShareOf(t, excluded);

    /// <summary>Asset fairness: the sum of the shares of every resource, the DRF paper's counterexample
    /// (section 2.3): it equalises what users hold in total, not what they need most.</summary>
    public static ShareMeasure Asset(ResourceKindSet excluded) => (a, t) =>
    {
        double sum = 0;
        foreach (var kind in ResourceKinds.All)
            if (!excluded.Has(kind)) sum += a.ShareOf(t, kind);
        return sum;
    };

    /// <summary>Slot share, as the Hadoop Fair Scheduler counts it: slots held over the cluster's slots, where
    /// a slot is a fixed bundle and what is held is counted in whole slots of its scarcest resource.</summary>
    public static ShareMeasure Slots(R slot) => (a, t) =>
    {
        double total = SlotCount(t, slot);
        return total <= 0 ? 0 : SlotsHeld(a, slot) / total;
    };

    /// <summary>How many whole slots fit in <paramref name="resources"/>.</summary>
    public static long SlotCount(R resources, R slot)
    {
        long n = long.MaxValue;
        foreach (var kind in ResourceKinds.All)
        {
            long need = slot.Fixed(kind);
            if (need > 0) n = Math.Min(n, resources.Fixed(kind) / need);
        }
        return n == long.MaxValue ? 0 : n;
    }

    /// <summary>Slots an allocation occupies: of the slot's resources, the one it uses most of.</summary>
    public static double SlotsHeld(R allocation, R slot)
    {
        double n = 0;
        foreach (var kind in ResourceKinds.All)
        {
            long need = slot.Fixed(kind);
            if (need > 0) n = Math.Max(n, allocation.Fixed(kind) / (double)need);
        }
        return n;
    }
}
