using System.Runtime.CompilerServices;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>The share measures of the fair-share policies.</summary>
public static class ShareMeasures
{
    /// <summary>DRF's dominant share: the largest share over the resources the cluster has (Ghodsi et al.,
    /// NSDI 2011); resources excluded from fairness are left out.</summary>
    public static ShareMeasure Dominant(ResourceKindSet excluded) => (a, t) => DominantOf(a, t, excluded);

    /// <summary>
    /// <see cref="R.MaxShareOf"/>, bit for bit, with the loop over the kinds written out: a grant computes one
    /// share, and with constant kinds the field reads need no switch (the loop's calls were 13 % of a
    /// DeclineOffers run). The same divisions, compared in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double DominantOf(R a, R t, ResourceKindSet excluded)
    {
        double max = 0;
        if (!excluded.Has(ResourceKind.Cpus)) max = Larger(max, a.Fixed(ResourceKind.Cpus), t.Fixed(ResourceKind.Cpus));
        if (!excluded.Has(ResourceKind.Mem)) max = Larger(max, a.Fixed(ResourceKind.Mem), t.Fixed(ResourceKind.Mem));
        if (!excluded.Has(ResourceKind.Disk)) max = Larger(max, a.Fixed(ResourceKind.Disk), t.Fixed(ResourceKind.Disk));
        if (!excluded.Has(ResourceKind.Gpus)) max = Larger(max, a.Fixed(ResourceKind.Gpus), t.Fixed(ResourceKind.Gpus));
        return max;
    }

    /// <summary>The larger of <paramref name="max"/> and the share <paramref name="part"/> / <paramref name="whole"/>
    /// (zero when the cluster has none), as <see cref="R.ShareOf"/> and <see cref="R.MaxShareOf"/> compute them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Larger(double max, long part, long whole)
    {
        double s = whole <= 0 ? 0.0 : part / (double)whole;
        return s > max ? s : max;
    }

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
