using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The allocator's view of one agent: its resources, unreserved and reserved per role, what of each is free,
/// and what each framework holds there (offered or in use).
/// </summary>
internal sealed class AgentSlot(AgentId id, AgentInfo info)
{
    public AgentId Id { get; } = id;

    /// <summary>What it registered with, or its latest update.</summary>
    public AgentInfo Info { get; set; } = info;

    public R Total { get; set; } = info.Total.Total;
    public bool HasGpus => Total.Gpus > 0;

    /// <summary>False while deactivated (Mesos's Slave::activated): nothing on it is offered.</summary>
    public bool Active { get; set; } = true;

    public R TotalUnreserved { get; set; } = info.Total.Unreserved;
    public SortedDictionary<string, R> TotalReserved { get; } = new(info.Total.Reserved, StringComparer.Ordinal);
    public R FreeUnreserved { get; set; } = info.Total.Unreserved;
    public SortedDictionary<string, R> FreeReserved { get; } = new(info.Total.Reserved, StringComparer.Ordinal);

    // The two tables are structs held here, changed in place (fields, not properties: a property would hand
    // out a copy): a visit reads their counts and array references with the record.

    /// <summary>Per framework in a role (by <see cref="FrameworkSlot.Key"/>), what it holds here; ordered so
    /// removal is deterministic.</summary>
    public HoldingTable ByFramework = new();

    /// <summary>The frameworks' refusal filters on this agent.</summary>
    public FilterTable Filters = new();

    /// <summary>Starts loading the tables' arrays (the record should be loaded by now).</summary>
    public void PrefetchTableArrays()
    {
        Filters.PrefetchKeys();
        ByFramework.PrefetchEntries();
    }

    /// <summary>Whether the agent is in the visit plan's list of agents with offerable free resources.</summary>
    public bool Offerable { get; set; }

    /// <summary>The role that owns the agent under static partitioning.</summary>
    public string? Owner { get; set; }

    /// <summary>Whether anything reserved is free here: <see cref="FreeReserved"/> is not empty. Kept as a field
    /// because every agent visit asks, and the dictionary is two objects away.</summary>
    public bool HasFreeReserved { get; private set; } = info.Total.Reserved.Count > 0;

    /// <summary>Adds <paramref name="delta"/> (negative: takes) to what is reserved for the role and free here.</summary>
    public void AddFreeReserved(string role, R delta)
    {
        Add(FreeReserved, role, delta);
        HasFreeReserved = FreeReserved.Count > 0;
    }

    public R FreeReservedFor(string role) => FreeReserved.TryGetValue(role, out var r) ? r : R.Empty;

    /// <summary>
    /// The free reservations the role may be offered: its own and those of the roles it is nested in
    /// (src/common/resources.cpp, Resources::isAllocatableTo: reserved to the role or to one of its ancestors).
    /// </summary>
    public R FreeReservedAllocatableTo(RoleSlot role)
    {
        if (!HasFreeReserved) return R.Empty;
        var reserved = FreeReservedFor(role.Name);
        for (var ancestor = role.Parent; ancestor != null; ancestor = ancestor.Parent)
            reserved += FreeReservedFor(ancestor.Name);
        return reserved;
    }

    /// <summary>Reservations of a framework's ancestor roles that it holds here, by (framework slot key, role);
    /// null until one is granted, so that agents without nested roles carry nothing.</summary>
    public SortedDictionary<(int Framework, string Role), R>? Inherited { get; private set; }

    /// <summary>What the framework holds here of the reservations of its role's ancestors.</summary>
    public R InheritedBy(int framework)
    {
        if (Inherited == null) return R.Empty;
        var sum = R.Empty;
        foreach (var ((holder, _), held) in Inherited)
            if (holder == framework) sum += held;
        return sum;
    }

    public R InheritedBy(int framework, string role) =>
        Inherited != null && Inherited.TryGetValue((framework, role), out var r) ? r : R.Empty;

    public void AddInherited(int framework, string role, R delta)
    {
        if (delta.IsEmpty) return;
        Inherited ??= new SortedDictionary<(int, string), R>(InheritedOrder.Instance);
        var next = InheritedBy(framework, role) + delta;
        if (next.IsEmpty) Inherited.Remove((framework, role));
        else Inherited[(framework, role)] = next;
    }

    private sealed class InheritedOrder : IComparer<(int Framework, string Role)>
    {
        public static readonly InheritedOrder Instance = new();

        public int Compare((int Framework, string Role) x, (int Framework, string Role) y)
        {
            int c = x.Framework.CompareTo(y.Framework);
            return c != 0 ? c : string.CompareOrdinal(x.Role, y.Role);
        }
    }

    public R ReservedFor(string role) => TotalReserved.TryGetValue(role, out var r) ? r : R.Empty;

    /// <summary>Everything free here; checked on every agent visit, so the common case (no reservations)
    /// allocates nothing.</summary>
    public R Free => !HasFreeReserved ? FreeUnreserved : FreeReserved.Values.Aggregate(FreeUnreserved, (a, b) => a + b);

    public static void Add(SortedDictionary<string, R> pool, string role, R delta)
    {
        // Nothing reserved moves on most grants and returns: skip the lookups (a string-keyed tree).
        if (delta.IsEmpty) return;
        var next = (pool.TryGetValue(role, out var r) ? r : R.Empty) + delta;
        if (next.IsEmpty) pool.Remove(role);
        else pool[role] = next;
    }
}
