using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClusterSim.Allocators.Policy;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Memory;
using ClusterSim.Core.Random;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The mechanism of Mesos's HierarchicalDRFAllocator (1.9+), with the policy left to its policy objects
/// (sorters for roles and for each role's frameworks, which agents a role may have, the unit of allocation).
/// Each run visits agents in a random order, twice, as Mesos's __generateOffers does. Stage 1 satisfies quota
/// guarantees: for each agent, roles with an unmet guarantee the agent can help (in sorter order) get the
/// unreserved resources that help it, their reservations there, and the rest of the agent up to their limit
/// as far as the headroom allows. Stage 2 offers to everyone: for each agent, roles in sorter order and,
/// within a role, frameworks in that role's order; a framework that is not suppressed, filtered or ineligible
/// gets its role's reservations and the unreserved resources still free, less what must stay free as headroom
/// for other roles' unmet guarantees, and never beyond its role's limit. Without quota nothing is cut, so
/// offers are whole agents. The parts: <see cref="VisitPlan"/> (which agents, in what order),
/// <see cref="RefusalFilters"/>, <see cref="QuotaHeadroom"/> and <see cref="ReservationBook"/>.
/// </summary>
public sealed class HierarchicalAllocator : IAllocator
{
    private readonly ILoop _loop;
    private readonly AllocationOptions _options;
    private readonly SorterFactory _frameworkSorters;
    private readonly SorterFactory _roleSorters;
    private readonly IAgentSharing _sharing;
    private readonly IResourceUnit _unit;
    private readonly bool _cutsToUnits;
    private readonly ResourceKindSet _fairnessExcluded;
    private readonly long _seed;
    private readonly ISorter _roleSorter;
    private readonly List<AgentSlot?> _agents = [];
    /// <summary>Which agents are added, by id: what <see cref="Recover"/> asks at once of the agent, in 1/64 of the
    /// memory of <see cref="_agents"/>, so it stays in cache where an element of the list is a miss.</summary>
    private readonly BitArray _added = new(0);
    // A framework's slots, one per role, by framework id value; and every slot by its key (what agents'
    // holding tables are keyed by).
    private readonly List<List<FrameworkSlot>?> _byFramework = [];
    private readonly List<FrameworkSlot?> _slots = [];
    private readonly Dictionary<string, RoleSlot> _roles = new(StringComparer.Ordinal);
    private readonly List<RoleSlot> _rolesByClient = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly List<RoleSlot> _roleOrder = [];
    // Some role is nested in another: the role order is then a walk of the role tree.
    private bool _nested;
    private readonly List<int> _frameworkOrder = [];
    private readonly VisitPlan _plan = new();
    private AgentSlot[] _visitSlots = [];
    private readonly RefusalFilters _filters;
    private readonly QuotaHeadroom _headroom = new();
    private readonly ReservationBook _book = new();
    private readonly MaintenanceBook _maintenance;
    // The frameworks' own minimum allocatable resources (with how many frameworks ask for each): an agent is
    // offerable when the cluster's minimum or any of these allows what it has free.
    private readonly List<(MinAllocatable Min, int Frameworks)> _frameworkMinimums = [];
    private readonly RandomStream _draws = new(0);
    private ulong _drawsSeed;
    private bool _drawsSeeded;
    private Time _runInstant = new(-1);
    private long _triggeredAtInstant;
    private ulong _runKey;
    private R _total;
    private bool _changed;

    public HierarchicalAllocator(ILoop loop, AllocationOptions options, PolicyObjects policy, long seed)
    {
        _loop = loop;
        _options = options;
        _frameworkSorters = policy.FrameworkSorter;
        _sharing = policy.Sharing;
        _unit = policy.Unit;
        _cutsToUnits = policy.Unit.Cuts;
        _fairnessExcluded = policy.FairnessExcluded;
        _seed = seed;
        _roleSorters = policy.RoleSorter;
        _roleSorter = policy.RoleSorter(Draws);
        _filters = new RefusalFilters(loop, options.Interval, FilterExpired, SettleBefore);
        _maintenance = new MaintenanceBook(loop);
    }

    public R Total => _total;

    /// <summary>Agent visits made by all runs so far: what a run costs grows with these, and skipping agents
    /// nobody could take is meant to keep them to the agents where something changed.</summary>
    public long AgentVisits { get; private set; }

    // While maintenance is scheduled every run may owe inverse offers (answers and expiring inverse offer
    // filters make them due again), so no periodic run is skipped.
    public bool HasNewAllocationChances => _changed || _maintenance.Any;

    // ---- agents -------------------------------------------------------------------------------------

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        Settle();
        while (_agents.Count <= agent.Value) _agents.Add(null);
        if (_agents[agent.Value] != null) throw new InvalidOperationException($"{agent} is already added");
        var slot = new AgentSlot(agent, info);
        _agents[agent.Value] = slot;
        if (_added.Length <= agent.Value) _added.Length = Math.Max(agent.Value + 1, 2 * _added.Length);
        _added[agent.Value] = true;
        _plan.AgentAdded(agent.Value);
        _book.AgentAdded(slot, RoleOf);
        _sharing.AgentAdded(slot);
        RefreshOfferable(slot);
        SetTotal(_total + slot.Total);
        _changed = true;
    }

    public void RemoveAgent(AgentId agent)
    {
        Settle();
        var slot = AgentSlotOf(agent);
        foreach (var (key, held) in slot.ByFramework.ToArray())
            Untrack(_slots[key]!, slot, held.Total, held.Reserved);
        _book.AgentRemoved(slot, _roles);
        _maintenance.AgentRemoved(agent.Value);
        _filters.Clear(slot);
        _sharing.AgentRemoved(slot);
        _plan.AgentRemoved(slot);
        _agents[agent.Value] = null;
        _added[agent.Value] = false;
        SetTotal(_total - slot.Total);
    }

    /// <summary>
    /// Mesos's updateSlave (hierarchical.cpp): the agent's attributes or total change. Changed attributes drop
    /// every filter on the agent ("schedulers might have decided that they're not interested in offers from
    /// this slave based on the non-presence of some required attributes"); a changed total changes what is
    /// free there and the cluster's total (updateSlaveTotal). Here the reservations an agent starts with cannot
    /// change, and the unreserved total cannot drop below what frameworks hold (Mesos lets it, and offers nothing
    /// until enough returns; not modelled): such an update is refused, changing nothing.
    /// </summary>
    public void UpdateAgent(AgentId agent, AgentInfo info)
    {
        Settle();
        var slot = AgentSlotOf(agent);
        var old = slot.Info;
        if (!info.Total.Reserved.OrderBy(r => r.Key, StringComparer.Ordinal)
                .SequenceEqual(old.Total.Reserved.OrderBy(r => r.Key, StringComparer.Ordinal)))
            throw new InvalidOperationException($"agent '{old.Name}': its reservations ({old.Total}) cannot change in an update");
        var delta = info.Total.Unreserved - old.Total.Unreserved;
        if (!(slot.FreeUnreserved + delta).Contains(R.Empty))
            throw new InvalidOperationException(
                $"agent '{old.Name}': {info.Total.Unreserved} unreserved is less than frameworks hold there ({slot.TotalUnreserved - slot.FreeUnreserved})");
        if (!old.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
                .SequenceEqual(info.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)))
            _filters.Clear(slot);
        slot.Info = info;
        if (!delta.IsEmpty)
        {
            slot.TotalUnreserved += delta;
            slot.FreeUnreserved += delta;
            slot.Total += delta;
            _book.Resized(delta);
            SetTotal(_total + delta);
        }
        _changed = true;
        _plan.MarkDirty(agent.Value);
        RefreshOfferable(slot);
    }

    // ---- maintenance --------------------------------------------------------------------------------

    public void UpdateUnavailability(AgentId agent, Unavailability? unavailability)
    {
        Settle();
        AgentSlotOf(agent);
        _maintenance.Update(agent.Value, unavailability);
        _changed = true;
        _plan.MarkDirty(agent.Value);
    }

    public void GenerateInverseOffers(IReadOnlyCollection<AgentId>? agents, List<(FrameworkId Framework, AgentId Agent)> into)
    {
        Settle();
        if (_maintenance.Any) _maintenance.Generate(agents, _agents, _slots, into);
    }

    public void UpdateInverseOffer(FrameworkId framework, AgentId agent, bool? accepted, Duration refuse) =>
        _maintenance.Answered(framework.Value, agent.Value, accepted, refuse);

    /// <summary>What the framework last answered to an inverse offer for the agent's window (null: nothing).</summary>
    public bool? InverseOfferStatus(FrameworkId framework, AgentId agent) => _maintenance.StatusOf(framework.Value, agent.Value);

    /// <summary>Mesos's deactivateSlave: nothing on the agent is offered until it is activated.</summary>
    public void DeactivateAgent(AgentId agent)
    {
        Settle();
        var slot = AgentSlotOf(agent);
        slot.Active = false;
        RefreshOfferable(slot);
    }

    /// <summary>Mesos's activateSlave.</summary>
    public void ActivateAgent(AgentId agent)
    {
        Settle();
        var slot = AgentSlotOf(agent);
        if (slot.Active) return;
        slot.Active = true;
        _changed = true;
        _plan.MarkDirty(agent.Value);
        RefreshOfferable(slot);
    }

    // ---- frameworks and roles -----------------------------------------------------------------------

    /// <summary>
    /// Adds a framework in each of its roles (Mesos's MULTI_ROLE): it is a client of each role's framework
    /// sorter, and what it is offered and uses is accounted per (framework, role), as Mesos's sorters and
    /// offer filters are (hierarchical.cpp, trackFrameworkUnderRole).
    /// </summary>
    public void AddFramework(FrameworkId framework, FrameworkInfo info)
    {
        Settle();
        while (_byFramework.Count <= framework.Value) _byFramework.Add(null);
        if (_byFramework[framework.Value] != null) throw new InvalidOperationException($"{framework} is already added");
        var slots = new List<FrameworkSlot>(info.Roles.Count);
        _byFramework[framework.Value] = slots;
        foreach (var role in info.Roles) slots.Add(Subscribe(framework, info, role));
        if (info.MinAllocatable is { } min) CountMinimum(min, +1);
        _changed = true;
        _plan.MarkAllDirty();
    }

    /// <summary>The framework's slot in one role: a client of that role's framework sorter.</summary>
    private FrameworkSlot Subscribe(FrameworkId framework, FrameworkInfo info, string roleName)
    {
        var role = RoleOf(roleName);
        int client = role.Frameworks.Add(info.Name);
        var slot = new FrameworkSlot(framework, info, role, client) { Key = _slots.Count };
        _slots.Add(slot);
        while (role.ByClient.Count <= client) role.ByClient.Add(null);
        role.ByClient[client] = slot;
        role.FrameworkCount++;
        return slot;
    }

    /// <summary>Takes the framework out of one role; what it held there has been returned.</summary>
    private void Unsubscribe(FrameworkSlot slot)
    {
        _filters.Clear(slot);
        slot.Role.Frameworks.Remove(slot.Client);
        slot.Role.ByClient[slot.Client] = null;
        slot.Role.FrameworkCount--;
        _slots[slot.Key] = null;
    }

    public void RemoveFramework(FrameworkId framework)
    {
        Settle();
        var slots = SlotsOf(framework);
        foreach (var slot in slots)
        {
            foreach (var agent in _agents)
                if (agent != null && agent.ByFramework.TryGetValue(slot.Key, out var held))
                    Untrack(slot, agent, held.Total, held.Reserved);
            Unsubscribe(slot);
        }
        _byFramework[framework.Value] = null;
        _maintenance.FrameworkRemoved(framework.Value);
        if (slots[0].Info.MinAllocatable is { } min) CountMinimum(min, -1);
    }

    /// <summary>Counts a framework's own minimum in or out; when the set of minimums changes, so may which
    /// agents are offerable.</summary>
    private void CountMinimum(MinAllocatable min, int delta)
    {
        int at = _frameworkMinimums.FindIndex(m => m.Min.Alternatives.SequenceEqual(min.Alternatives));
        if (at >= 0 && _frameworkMinimums[at].Frameworks + delta > 0)
        {
            _frameworkMinimums[at] = (min, _frameworkMinimums[at].Frameworks + delta);
            return;
        }
        if (at >= 0) _frameworkMinimums.RemoveAt(at);
        else _frameworkMinimums.Add((min, delta));
        foreach (var agent in _agents)
            if (agent != null) RefreshOfferable(agent);
    }

    public void UpdateWeight(string role, double weight)
    {
        Settle();
        if (!(weight > 0) || double.IsInfinity(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"role '{role}': a weight must be a positive number");
        _weights[role] = weight;
        if (_roles.TryGetValue(role, out var slot))
        {
            slot.Weight = weight;
            (slot.Parent?.Children ?? _roleSorter).UpdateWeight(slot.Client, weight);
        }
        _changed = true;
    }

    public double Weight(string role) => _weights.TryGetValue(role, out var w) ? w : 1.0;

    public void SetQuota(string role, Quota quota)
    {
        Settle();
        // hierarchical.cpp, __generateOffers: "Currently, only top level roles can have quota set".
        if (RoleNames.Parent(role) != null && quota != Quota.None)
            throw new ArgumentException($"role '{role}': quota can be set on top-level roles only");
        RoleOf(role).Quota = quota;
        _changed = true;
        _plan.MarkAllDirty();
    }

    public Quota QuotaOf(string role) => _roles.TryGetValue(role, out var slot) ? slot.Quota : Quota.None;

    public R QuotaConsumption(string role)
    {
        Settle();
        return _roles.TryGetValue(role, out var slot) ? slot.Consumption : R.Empty;
    }

    /// <summary>Mesos's suppressOffers: the roles given (none: all of the framework's) get no offers.</summary>
    public void Suppress(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
        Settle();
        foreach (var slot in SlotsOf(framework))
            if (roles == null || roles.Count == 0 || roles.Contains(slot.Role.Name)) slot.Suppressed = true;
    }

    /// <summary>Mesos's reviveOffers (reviveRoles): the roles given (none: all) are unsuppressed and their
    /// filters cleared.</summary>
    public void Revive(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
        Settle();
        foreach (var slot in SlotsOf(framework))
        {
            if (roles != null && roles.Count > 0 && !roles.Contains(slot.Role.Name)) continue;
            slot.Suppressed = false;
            _filters.Clear(slot);
        }
        _changed = true;
        _plan.MarkAllDirty();
    }

    /// <summary>
    /// Mesos's deactivateFramework (hierarchical.cpp): the framework's sorters skip it and its filters are
    /// cleared; what it holds stays allocated to it (it may fail over and come back).
    /// </summary>
    public void DeactivateFramework(FrameworkId framework)
    {
        Settle();
        foreach (var slot in SlotsOf(framework))
        {
            slot.Active = false;
            _filters.Clear(slot);
        }
        _maintenance.ClearFilters(framework.Value);
    }

    /// <summary>Mesos's activateFramework: offers resume, unless the framework is suppressed (a suppression
    /// outlives a disconnection).</summary>
    public void ActivateFramework(FrameworkId framework)
    {
        Settle();
        var slots = SlotsOf(framework);
        if (slots[0].Active) return;
        foreach (var slot in slots) slot.Active = true;
        _changed = true;
        _plan.MarkAllDirty();
    }

    /// <summary>
    /// Mesos's updateFramework (hierarchical.cpp): a new FrameworkInfo (roles, capabilities, minimum allocatable
    /// resources) and the roles that are suppressed. A role joined is subscribed; a role left is unsubscribed
    /// and its filters dropped (it must hold nothing there: Mesos keeps tracking such a role until its resources
    /// come back, which the simulator does not model); ending a suppression clears the role's filters as REVIVE
    /// does (reviveRoles) but, as in Mesos, does not itself run an allocation.
    /// </summary>
    public void UpdateFramework(FrameworkId framework, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles)
    {
        Settle();
        var slots = SlotsOf(framework);
        var old = slots[0].Info;
        foreach (var slot in slots)
            if (!info.Roles.Contains(slot.Role.Name) && !slot.Allocation.IsEmpty)
                throw new InvalidOperationException(
                    $"{old.Name} holds {slot.Allocation} in role '{slot.Role.Name}': it can leave a role only holding nothing there");
        var next = new List<FrameworkSlot>(info.Roles.Count);
        foreach (var role in info.Roles)
        {
            var slot = slots.Find(s => s.Role.Name == role) ?? Subscribe(framework, info, role);
            if (slot.Active != slots[0].Active) slot.Active = slots[0].Active;
            next.Add(slot);
        }
        foreach (var slot in slots)
            if (!next.Contains(slot)) Unsubscribe(slot);
        _byFramework[framework.Value] = next;
        if (old.MinAllocatable is { } oldMin) CountMinimum(oldMin, -1);
        if (info.MinAllocatable is { } newMin) CountMinimum(newMin, +1);
        foreach (var slot in next)
        {
            slot.Info = info;
            if (suppressedRoles.Contains(slot.Role.Name)) slot.Suppressed = true;
            else if (slot.Suppressed)
            {
                slot.Suppressed = false;
                _filters.Clear(slot);
            }
        }
        _changed = true;
        _plan.MarkAllDirty();
    }

    // ---- reservations -------------------------------------------------------------------------------

    public bool Reserve(AgentId agent, string role, R resources, FrameworkId? holder = null) =>
        MoveReservation(agent, role, resources, holder, reserve: true);

    public bool Unreserve(AgentId agent, string role, R resources, FrameworkId? holder = null) =>
        MoveReservation(agent, role, resources, holder, reserve: false);

    public R ReservedOn(AgentId agent, string role) => AgentSlotOf(agent).ReservedFor(role);

    private bool MoveReservation(AgentId agent, string role, R resources, FrameworkId? holder, bool reserve)
    {
        Settle();
        var slot = AgentSlotOf(agent);
        // The holder acts in the role of the reservation (its offer's role).
        var framework = holder is { } h ? SlotOf(h, role) : null;
        if (!_book.Move(slot, RoleOf(role), resources, framework, reserve)) return false;
        _changed = true;
        _plan.MarkDirty(agent.Value);
        RefreshOfferable(slot);
        return true;
    }

    // ---- resources coming back ----------------------------------------------------------------------

    /// <summary>
    /// Takes resources back, with a filter when <paramref name="refuse"/> is positive. Declines come one agent
    /// after another, random over the cluster, so the agent's place in <see cref="_agents"/>, its record and
    /// its tables' arrays are each a cache miss, the next one waiting for the one before (perf, scale-10k: a
    /// tenth of the run in here; scale-100k: 5% of the first 6 hours on the place in the list alone). The
    /// return is therefore done a few returns later (or before anything else asks the allocator, or a filter
    /// expires), its agent looked up in stages: the place in the list is prefetched now, the record two returns
    /// later (<see cref="Resolve"/>), the tables' arrays half-way, and the misses overlap with the work between.
    /// What is checked and joined at once is what does not read the agent's record: that the agent is added,
    /// that the framework's allocation covers the return, and the filter's expiry batch (which depends on when
    /// it is installed).
    /// </summary>
    public void Recover(FrameworkId framework, AgentId agent, R resources, Duration refuse, R reserved = default,
        string? role = null)
    {
        if (resources.IsEmpty) return;
        if ((uint)agent.Value >= (uint)_added.Length || !_added[agent.Value]) return;
        if (framework.Value >= _byFramework.Count || _byFramework[framework.Value] is not { } slots) return;
        var frameworkSlot = role == null ? slots[0] : InRole(slots, role);
        if (frameworkSlot == null) return;
        if (!frameworkSlot.Allocation.Contains(resources) || !resources.Contains(reserved))
            throw ReturnsMoreThanHeld(frameworkSlot, _agents[agent.Value]!, resources, reserved, null);
        CacheHint.LoadElement(CollectionsMarshal.AsSpan(_agents), agent.Value);
        _changed = true;
        var filter = refuse > Duration.Zero ? _filters.Stage(frameworkSlot, resources, refuse) : null;
        if (_pendingCount == PendingDepth) ReturnOldest();
        ref var pending = ref PendingAt(_pendingCount);
        pending.Framework = frameworkSlot;
        pending.AgentId = agent.Value;
        pending.Agent = null;
        pending.Resources = resources;
        pending.Reserved = reserved;
        pending.Filter = filter;
        _pendingCount++;
        // The return ResolveLag places back has had time to load its place in the list: now its record.
        if (_pendingCount > ResolveLag) Resolve(ref PendingFromNewest(ResolveLag));
        // The record of the return half-way through the queue has had time to load: now its tables' arrays.
        if (_pendingCount > PendingDepth / 2) PendingFromNewest(PendingDepth / 2).Agent?.PrefetchTableArrays();
    }

    /// <summary>The ring's place <paramref name="i"/> places after the oldest pending return (0: the oldest).</summary>
    private ref PendingReturn PendingAt(int i) => ref _pending[(_pendingHead + i) & (PendingDepth - 1)];

    /// <summary>The pending return <paramref name="back"/> places before the newest (0: the newest).</summary>
    private ref PendingReturn PendingFromNewest(int back) => ref PendingAt(_pendingCount - 1 - back);

    // Returns waiting for their bookkeeping on the agent (a ring, oldest at _pendingHead); a power of two.
    private const int PendingDepth = 8;
    // How many returns later a return's agent record is looked up and prefetched (less than PendingDepth / 2,
    // so that it is known when its tables are prefetched).
    private const int ResolveLag = 2;
    private readonly PendingReturn[] _pending = new PendingReturn[PendingDepth];
    private int _pendingHead;
    private int _pendingCount;

    /// <summary>Looks up the pending return's agent record (its place in the list was prefetched when the return
    /// came), gives it to the return's filter, and prefetches the record. Once per return.</summary>
    private void Resolve(ref PendingReturn pending)
    {
        if (pending.Agent != null) return;
        var agent = _agents[pending.AgentId]!;
        pending.Agent = agent;
        pending.Filter?.PlaceOn(agent);
        CacheHint.Load(agent, 4);
    }

    /// <summary>Does the bookkeeping of every pending return, in the order they came: called before anything
    /// that reads or changes what the returns change.</summary>
    private void Settle()
    {
        if (_pendingCount == 0) return;
        // The newest returns' records, then the newer half's tables, have not been asked for yet: all of them
        // at once, before the first is read.
        for (int i = Math.Max(0, _pendingCount - ResolveLag); i < _pendingCount; i++)
            Resolve(ref PendingAt(i));
        for (int i = Math.Max(0, _pendingCount - PendingDepth / 2); i < _pendingCount; i++)
            PendingAt(i).Agent!.PrefetchTableArrays();
        while (_pendingCount > 0) ReturnOldest();
    }

    /// <summary>
    /// Settles the pending returns before the batch's filters expire when one of them installs a filter of that
    /// batch; else they stay pending. Expiring other filters first changes nothing they change: an expiry takes
    /// its filter out of its agent's chain for its framework and a pending return puts a newer one at the
    /// chain's head, which gives the same chain in either order, and the agents marked dirty are a set.
    /// Settling at every expiry (a batch is often a handful of filters) emptied the queue before its prefetches
    /// had done their work (perf, scale-10k).
    /// </summary>
    private void SettleBefore(ExpiryBatch batch)
    {
        for (int i = 0; i < _pendingCount; i++)
            if (PendingAt(i).Filter?.Batch == batch)
            {
                Settle();
                return;
            }
    }

    // Out of line: inlined, it made Recover's frame 1.8 KB of locals zeroed on every call, and the inliner's
    // budget ran out before the resource arithmetic and the filter's reuse, left as calls passing 32-byte
    // values through the stack (perf, scale-100k: the loads of those copies stalled on the stores just made).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReturnOldest()
    {
        ref var pending = ref _pending[_pendingHead];
        Resolve(ref pending);
        var framework = pending.Framework;
        var agent = pending.Agent!;
        var filter = pending.Filter;
        var resources = pending.Resources;
        var reserved = pending.Reserved;
        // Dropped from the ring, so that it keeps nothing alive.
        pending.Framework = null!;
        pending.Agent = null;
        pending.Filter = null;
        _pendingHead = (_pendingHead + 1) & (PendingDepth - 1);
        _pendingCount--;
        Untrack(framework, agent, resources, reserved);
        if (filter != null) RefusalFilters.Place(filter);
    }

    /// <summary>The framework's slot in the role, if it has one. A loop, not List.Find with a lambda: the
    /// lambda captures the role, a closure and a delegate allocated on every declined offer.</summary>
    private static FrameworkSlot? InRole(List<FrameworkSlot> slots, string role)
    {
        for (int i = 0; i < slots.Count; i++)
            if (slots[i].Role.Name == role) return slots[i];
        return null;
    }

    public bool AddInUse(FrameworkId framework, AgentId agent, R resources, R reserved = default)
    {
        Settle();
        if (agent.Value >= _agents.Count || _agents[agent.Value] is not { } agentSlot) return false;
        // A re-registered task belongs to the framework's first role (the live scheduler API subscribes each
        // framework in one role).
        if (framework.Value >= _byFramework.Count || _byFramework[framework.Value] is not { Count: > 0 } slots) return false;
        var frameworkSlot = slots[0];
        if (!resources.Contains(reserved) || !agentSlot.FreeUnreserved.Contains(resources - reserved)
            || !agentSlot.FreeReservedFor(frameworkSlot.Role.Name).Contains(reserved)) return false;
        Track(frameworkSlot, agentSlot, resources, reserved);
        _changed = true;
        return true;
    }

    private void FilterExpired(int agent)
    {
        _changed = true;
        _plan.MarkDirty(agent);
    }

    /// <summary>What a task holds under the policy's unit of allocation (whole slots under slots).</summary>
    public R Footprint(R task) => _unit.Footprint(task);

    // ---- one allocation run -------------------------------------------------------------------------

    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false)
    {
        Settle();
        // Each run orders its agents with keys derived from the seed, the instant and which run it is there (the
        // periodic one, or the n-th triggered one), and each agent visit draws (for random sorters) from a
        // stream derived from the run and the agent: whether an idle run, or an agent nobody could take, was
        // skipped never shifts any other draw or the order of the agents visited.
        var now = _loop.Now;
        if (now != _runInstant)
        {
            _runInstant = now;
            _triggeredAtInstant = 0;
        }
        _runKey = Mix((ulong)now.Micros, periodic ? 0UL : (ulong)++_triggeredAtInstant, 0x5EED);
        if (agents == null) _changed = false;

        // hierarchical.cpp, __generateOffers: the headroom unmet guarantees need, the candidate agents
        // shuffled, a first stage for roles with unmet guarantees, then a second for everyone.
        _headroom.StartRun(_rolesByClient);
        // An agent no framework could take at an earlier run stays so until its free resources, a filter on it,
        // or some framework's eligibility changes: skipping it gives the same offers for less. Quota makes what
        // is offerable depend on the whole cluster (headroom, limits), so then none is skipped.
        _plan.Collect(agents, _options.SkipIdleRuns && !_headroom.AnyQuota, _agents);
        _plan.Order(Mix((ulong)_seed, _runKey, 0));
        var visits = _plan.Visits;
        AgentVisits += visits.Count;
        // The agents' records in visiting order: the prefetches below then read a sequential array, not the
        // agent list at random places (each of which would be a cache miss of its own).
        if (_visitSlots.Length < visits.Count) _visitSlots = new AgentSlot[Math.Max(visits.Count, _visitSlots.Length * 2)];
        var slots = _visitSlots.AsSpan(0, visits.Count);
        for (int v = 0; v < slots.Length; v++) slots[v] = _agents[visits[v]]!;

        if (_headroom.AnyGuarantee)
            for (int v = 0; v < slots.Length; v++)
            {
                Prefetch(slots, v);
                AllocateAgent(slots[v], grants, guaranteesOnly: true);
            }
        for (int v = 0; v < slots.Length; v++)
        {
            Prefetch(slots, v);
            AllocateAgent(slots[v], grants, guaranteesOnly: false);
        }
        slots.Clear();
    }

    // How many visits ahead an agent's record, then its tables' arrays are prefetched (the second stage reads
    // the references the first loaded): far enough for a load from memory to finish during the visits in
    // between, near enough to stay in the cache.
    private const int RecordAhead = 8;
    private const int ArraysAhead = 4;

    /// <summary>Starts loading what the visits a few agents ahead will read (see <see cref="CacheHint"/>).</summary>
    private static void Prefetch(Span<AgentSlot> slots, int v)
    {
        int n = slots.Length;
        if (v + RecordAhead < n) CacheHint.Load(slots[v + RecordAhead], 4);
        if (v + ArraysAhead < n) slots[v + ArraysAhead].PrefetchTableArrays();
    }

    /// <summary>Tells the visit plan whether the agent has something offerable free, after its free resources
    /// (or the minimums that decide it) changed.</summary>
    private void RefreshOfferable(AgentSlot agent) =>
        _plan.SetOfferable(agent, agent.Active && !(agent.FreeUnreserved.IsEmpty && !agent.HasFreeReserved)
                                  && AnyMinimumAllows(agent.Free));

    private bool AnyMinimumAllows(R free)
    {
        if (_options.MinAllocatable.Allows(free)) return true;
        foreach (var (min, _) in _frameworkMinimums)
            if (min.Allows(free)) return true;
        return false;
    }

    /// <summary>The random stream of the current agent visit, seeded on first use: sorters that draw nothing
    /// (DRF) cost no seeding.</summary>
    private RandomStream Draws()
    {
        if (!_drawsSeeded)
        {
            _draws.Reseed(_drawsSeed);
            _drawsSeeded = true;
        }
        return _draws;
    }

    private void AllocateAgent(AgentSlot agent, List<Grant> grants, bool guaranteesOnly)
    {
        if (!agent.Offerable) return;
        _drawsSeed = Mix((ulong)_seed, _runKey, (ulong)agent.Id.Value * 2 + (guaranteesOnly ? 1UL : 2UL));
        _drawsSeeded = false;
        OrderRoles();
        foreach (var role in _roleOrder)
        {
            if (role.FrameworkCount == 0) continue;
            if (guaranteesOnly && role.UnsatisfiedGuarantee.IsEmpty) continue;
            if (!_sharing.Offers(agent, role)) continue;
            // Mesos iterates a copy of the sorter's order; a grant re-sorts the live one. The copy (of the
            // frameworks after the one granted) is made only when the grant leaves something on the agent.
            var order = role.Frameworks.Sort();
            IReadOnlyList<int> walk = order;
            for (int i = 0; i < walk.Count; i++)
            {
                var framework = role.ByClient[walk[i]]!;
                var offer = Offerable(agent, role, framework, guaranteesOnly, out var reserved, out var towardGuarantee);
                if (offer.IsEmpty) continue;
                bool exhausts = offer - reserved == agent.FreeUnreserved
                                && (!agent.HasFreeReserved ? reserved.IsEmpty : reserved == agent.FreeReservedAllocatableTo(role));
                if (!exhausts && ReferenceEquals(walk, order))
                {
                    _frameworkOrder.Clear();
                    for (int j = i + 1; j < order.Count; j++) _frameworkOrder.Add(order[j]);
                    walk = _frameworkOrder;
                    i = -1;
                }
                var inherited = Track(framework, agent, offer, reserved);
                _headroom.Granted(towardGuarantee);
                grants.Add(new Grant(framework.Id, agent.Id, offer, reserved) { Inherited = inherited, Role = role.Name });
                if (exhausts || (agent.FreeUnreserved.IsEmpty
                                 && (!agent.HasFreeReserved || agent.FreeReservedAllocatableTo(role).IsEmpty))) break;
            }
            if (agent.FreeUnreserved.IsEmpty && !agent.HasFreeReserved) return;
        }
    }

    /// <summary>
    /// What this framework may be offered on this agent now (empty: nothing, skip it): its role's free
    /// reservations, plus the free unreserved resources it may have under its role's guarantee, headroom and
    /// limit, cut to whole slots under the slots policy.
    /// </summary>
    private R Offerable(AgentSlot agent, RoleSlot role, FrameworkSlot framework, bool guaranteesOnly, out R reserved,
        out R towardGuarantee)
    {
        reserved = R.Empty;
        towardGuarantee = R.Empty;
        if (framework.Skipped) return R.Empty;
        // Mesos offers GPU agents only to GPU-capable frameworks (--filter_gpu_resources), so that frameworks
        // that cannot use GPUs do not squat on the few machines that have them.
        if (_options.FilterGpuResources && agent.HasGpus && !framework.GpuCapable) return R.Empty;

        var available = agent.FreeUnreserved;
        R unreserved;
        if (!_headroom.AnyQuota)
        {
            // Without quota nothing is held back or capped: the whole free agent (the common, hot case).
            unreserved = available;
        }
        else
        {
            unreserved = guaranteesOnly
                ? _headroom.StageOne(role, available, _book.FreeUnreserved, out towardGuarantee)
                : _headroom.StageTwo(role, available, _book.FreeUnreserved, out towardGuarantee);
            if (unreserved.IsEmpty && guaranteesOnly) return R.Empty;
        }
        if (_cutsToUnits) unreserved = _unit.Cut(unreserved);
        // The role's reservations and its ancestors' (Resources::allocatableTo). Stage 1 would offer only the
        // role's own, but only top-level roles have quota, and they have no ancestors.
        reserved = !agent.HasFreeReserved ? R.Empty : agent.FreeReservedAllocatableTo(role);
        var offer = reserved + unreserved;
        // A framework's own minimum replaces the cluster's for it, it does not add to it (hierarchical.cpp,
        // allocatable(): framework.minAllocatableResources.at(role) takes the place of the global option).
        if (!(framework.Info.MinAllocatable ?? _options.MinAllocatable).Allows(offer)) return R.Empty;
        if (RefusalFilters.Blocks(framework, agent, offer)) return R.Empty;
        return offer;
    }

    /// <summary>
    /// The roles in the order this agent visit offers to them, taken before any grant changes it (Mesos iterates
    /// a copy of roleSorter->sort()). With nested roles it is the role tree walked as Mesos's sorter does:
    /// siblings in their sorter's order by their subtrees' shares, level by level, a role's own frameworks
    /// competing with the roles nested in it as one more client (src/master/allocator/mesos/sorter/drf/
    /// sorter.cpp, the virtual leaf ".").
    /// </summary>
    private void OrderRoles()
    {
        _roleOrder.Clear();
        var top = _roleSorter.Sort();
        if (!_nested)
        {
            for (int i = 0; i < top.Count; i++) _roleOrder.Add(_rolesByClient[top[i]]);
            return;
        }
        for (int i = 0; i < top.Count; i++) AddSubtree(_rolesByClient[top[i]]);
    }

    private void AddSubtree(RoleSlot role)
    {
        if (role.Children == null)
        {
            _roleOrder.Add(role);
            return;
        }
        var order = role.Children.Sort();
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i] == role.SelfClient) _roleOrder.Add(role);
            else AddSubtree(role.ChildrenByClient[order[i]]!);
        }
    }

    // ---- shares -------------------------------------------------------------------------------------

    public double RoleShare(string role)
    {
        Settle();
        return _roles.TryGetValue(role, out var slot)
            ? DominantShare.Of(_nested ? slot.SubtreeAllocation : slot.Allocation, _total, slot.Weight, _fairnessExcluded)
            : 0.0;
    }

    public double FrameworkShare(FrameworkId framework) =>
        DominantShare.Of(Allocation(framework), _total, 1.0, _fairnessExcluded);

    public R Allocation(FrameworkId framework)
    {
        Settle();
        var slots = SlotsOf(framework);
        if (slots.Count == 1) return slots[0].Allocation;
        var sum = R.Empty;
        foreach (var slot in slots) sum += slot.Allocation;
        return sum;
    }

    public R Allocation(FrameworkId framework, string role)
    {
        Settle();
        return InRole(SlotsOf(framework), role)?.Allocation ?? R.Empty;
    }

    // ---- bookkeeping --------------------------------------------------------------------------------

    private R Track(FrameworkSlot framework, AgentSlot agent, R resources, R reserved)
    {
        _plan.MarkDirty(agent.Id.Value);
        var inherited = _book.Take(agent, framework.Role, framework, resources, reserved);
        agent.ByFramework.Add(framework.Key, resources, reserved);
        framework.Allocation += resources;
        framework.Role.Allocation += resources;
        if (_nested) RoleAllocated(framework.Role, resources, more: true);
        else _roleSorter.Allocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Allocated(framework.Client, resources);
        RefreshOfferable(agent);
        return inherited;
    }

    private void Untrack(FrameworkSlot framework, AgentSlot agent, R resources, R reserved)
    {
        int at = agent.ByFramework.Find(framework.Key);
        var held = at >= 0 ? agent.ByFramework.HoldingAt(at) : default;
        if (at < 0 || !held.Total.Contains(resources) || !held.Reserved.Contains(reserved) || !resources.Contains(reserved))
            throw ReturnsMoreThanHeld(framework, agent, resources, reserved, held);
        _plan.MarkDirty(agent.Id.Value);
        agent.ByFramework.SubtractAt(at, resources, reserved);
        _book.Return(agent, framework.Role, framework, resources, reserved, held.Reserved);
        framework.Allocation -= resources;
        framework.Role.Allocation -= resources;
        if (_nested) RoleAllocated(framework.Role, resources, more: false);
        else _roleSorter.Unallocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Unallocated(framework.Client, resources);
        RefreshOfferable(agent);
    }

    /// <summary>The error of a return of more than the framework holds. Built out of line: the message's
    /// formatting inlined into <see cref="Recover"/> made its frame several hundred bytes of locals, zeroed on
    /// every call (perf, scale-10k: a tenth of the method's time).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException ReturnsMoreThanHeld(FrameworkSlot framework, AgentSlot agent, R resources,
        R reserved, Holding? held) =>
        new($"{framework.Info.Name} returns {resources} ({reserved} reserved) on agent '{agent.Info.Name}' but holds "
            + (held is { } h ? $"{h.Total} ({h.Reserved} reserved) there" : $"{framework.Allocation} in all"));

    /// <summary>Tells the sorters a role now holds <paramref name="change"/> more (or less): the sorter of its
    /// siblings, and those of every role it is nested in (their subtrees hold it too).</summary>
    private void RoleAllocated(RoleSlot role, R change, bool more)
    {
        if (role.Children != null) Tell(role.Children, role.SelfClient, change, more);
        for (var node = role; node != null; node = node.Parent)
        {
            node.SubtreeAllocation = more ? node.SubtreeAllocation + change : node.SubtreeAllocation - change;
            Tell(node.Parent?.Children ?? _roleSorter, node.Client, change, more);
        }
    }

    private static void Tell(ISorter sorter, int client, R change, bool more)
    {
        if (more) sorter.Allocated(client, change);
        else sorter.Unallocated(client, change);
    }

    private RoleSlot RoleOf(string name)
    {
        if (_roles.TryGetValue(name, out var role)) return role;
        // Names are validated where they enter (configuration, the scheduler API); one that is not a valid role
        // path (such as "/x") is not split into a tree, so that a registration the master has made never fails
        // here.
        var parent = RoleNames.Problem(name) == null && RoleNames.Parent(name) is { } parentName ? RoleOf(parentName) : null;
        double weight = Weight(name);
        int client;
        if (parent == null)
        {
            client = _roleSorter.Add(name, weight);
        }
        else
        {
            if (!_nested)
            {
                // From now on the sorters and subtree allocations of every ancestor are kept; until now every
                // role was top-level, holding just its own.
                _nested = true;
                foreach (var existing in _roles.Values) existing.SubtreeAllocation = existing.Allocation;
            }
            client = NestedIn(parent).Add(name, weight);
        }
        var frameworks = _frameworkSorters(Draws);
        frameworks.SetTotal(_total);
        role = new RoleSlot(name, weight, client, frameworks) { Parent = parent };
        _roles.Add(name, role);
        if (parent == null)
        {
            while (_rolesByClient.Count <= client) _rolesByClient.Add(role);
            _rolesByClient[client] = role;
        }
        else
        {
            while (parent.ChildrenByClient.Count <= client) parent.ChildrenByClient.Add(null);
            parent.ChildrenByClient[client] = role;
        }
        return role;
    }

    /// <summary>The sorter of the roles nested in <paramref name="parent"/>, made when the first one is: the
    /// parent's own frameworks become a client of it with what they hold (Mesos's sorter turns the leaf into
    /// an internal node with a virtual leaf "." of default weight).</summary>
    private ISorter NestedIn(RoleSlot parent)
    {
        if (parent.Children != null) return parent.Children;
        var children = _roleSorters(Draws);
        children.SetTotal(_total);
        parent.SelfClient = children.Add(parent.Name + "/.");
        while (parent.ChildrenByClient.Count <= parent.SelfClient) parent.ChildrenByClient.Add(null);
        if (!parent.Allocation.IsEmpty) children.Allocated(parent.SelfClient, parent.Allocation);
        parent.Children = children;
        return children;
    }

    private void SetTotal(R total)
    {
        _total = total;
        _roleSorter.SetTotal(total);
        if (!_nested)
        {
            foreach (var role in _rolesByClient) role.Frameworks.SetTotal(total);
            return;
        }
        foreach (var role in _roles.Values)
        {
            role.Frameworks.SetTotal(total);
            role.Children?.SetTotal(total);
        }
    }

    private static ulong Mix(ulong seed, ulong run, ulong visit) =>
        unchecked(seed * 0x9E3779B97F4A7C15UL + run * 0xD1B54A32D192ED03UL + visit * 0x8CB92BA72F3D8DD7UL);

    private AgentSlot AgentSlotOf(AgentId id) =>
        id.Value < _agents.Count && _agents[id.Value] is { } slot
            ? slot
            : throw new InvalidOperationException($"{id} is not known to the allocator");

    private List<FrameworkSlot> SlotsOf(FrameworkId id) =>
        id.Value < _byFramework.Count && _byFramework[id.Value] is { } slots
            ? slots
            : throw new InvalidOperationException($"{id} is not known to the allocator");

    private FrameworkSlot SlotOf(FrameworkId id, string role) =>
        InRole(SlotsOf(id), role)
        ?? throw new InvalidOperationException($"{id} is not subscribed to role '{role}'");
}
