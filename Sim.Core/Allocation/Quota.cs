using ClusterSim.Core.Resources;

namespace ClusterSim.Core.Allocation;

/// <summary>
/// A top-level role's quota, as Mesos 1.9+ has it: a guarantee the allocator satisfies before anyone else is
/// offered anything, and a limit the role never exceeds. A resource absent from the limit is unlimited
/// (<see cref="Limited"/> says which are limited); a resource absent from the guarantee is not guaranteed.
/// </summary>
public sealed record Quota(Resources.Resources Guarantee, Resources.Resources Limit, ResourceKindSet Limited)
{
    public static readonly Quota None = new(Resources.Resources.Empty, Resources.Resources.Empty, default);

    public bool HasGuarantee => !Guarantee.IsEmpty;
    public bool HasLimit => Limited.Bits != 0;

    /// <summary>Checks a quota once, at the edge: a limit below the guarantee can never be met.</summary>
    public static Quota Create(Resources.Resources guarantee, Resources.Resources? limit, ResourceKindSet limited)
    {
        var l = limit ?? Resources.Resources.Empty;
        foreach (var kind in ResourceKinds.All)
            if (limited.Has(kind) && l[kind] < guarantee[kind])
                throw new ArgumentException(
                    $"the limit on {ResourceKinds.Name(kind)} ({l[kind]}) is below the guarantee ({guarantee[kind]})");
        return new Quota(guarantee, l, limited);
    }

    /// <summary>How much more of each limited resource the role may hold given what it consumes.</summary>
    public Resources.Resources LimitRoom(Resources.Resources consumed, Resources.Resources unlimited)
    {
        if (!HasLimit) return unlimited;
        var room = unlimited;
        foreach (var kind in ResourceKinds.All)
            if (Limited.Has(kind)) room = room.With(kind, Math.Max(0, Limit[kind] - consumed[kind]));
        return room;
    }

    public override string ToString() =>
        $"guarantee {Guarantee}, limit {(HasLimit ? string.Join(";", ResourceKinds.All.Where(Limited.Has).Select(k => $"{ResourceKinds.Name(k)}:{Limit[k]}")) : "none")}";
}
