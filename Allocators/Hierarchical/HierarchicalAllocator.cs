using System.Runtime.InteropServices;
using ClusterSim.Allocators.Policy;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The mechanism of Mesos's HierarchicalDRFAllocator (1.9+), with the policy left to its sorters. Each run
/// visits agents in a random order, twice. Stage 1 satisfies quota guarantees: for each agent, roles with an
/// unmet guarantee the agent can help (in sorter order) get the unreserved resources that help it, their
/// reservations there, and the rest of the agent up to their limit as far as the headroom allows. Stage 2 offers to everyone: for each
/// agent, roles in sorter order and, within a role, frameworks in that role's order; a framework that is not
/// suppressed, filtered or ineligible gets its role's reservations and the unreserved resources still free,
/// less what must stay free as headroom for other roles' unmet guarantees, and never beyond its role's
/// limit. Without quota nothing is cut, so offers are whole agents.
/// </summary>
public sealed class HierarchicalAllocator : IAllocator
{
    private readonly ILoop _loop;
    private readonly AllocationOptions _options;
    private readonly SorterFactory _frameworkSorters;
    private readonly IAgentSharing _sharing;
    private readonly IResourceUnit _unit;
    private readonly bool _cutsToUnits;
    private readonly ResourceKindSet _fairnessExcluded;
    private readonly long _seed;
    private readonly ISorter _roleSorter;
    private readonly List<AgentSlot?> _agents = [];
    private readonly List<FrameworkSlot?> _frameworks = [];
    private readonly Dictionary<string, RoleSlot> _roles = new(StringComparer.Ordinal);
    private readonly List<RoleSlot> _rolesByClient = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly List<int> _visit = [];
    private readonly List<int> _roleOrder = [];
    private readonly List<int> _frameworkOrder = [];
    // Agents that may have become takeable since a run last found that no framework could take them (a
    // superset), so a run visits those and not the whole cluster; _allDirty stands for every agent after a
    // change that concerns them all. An agent in neither is clean: skipping it gives the same offers.
    private readonly List<int> _dirty = [];
    private readonly List<bool> _inDirty = [];
    private bool _allDirty = true;
    // Agents with free resources an offer could be made of (at least minAllocatable): the only ones a run can
    // grant anything on, so the only ones a change that concerns every agent has to revisit.
    private readonly List<AgentSlot> _offerable = [];
    // The frameworks' own minimum allocatable resources (with how many frameworks ask for each): an agent is
    // offerable when the cluster's minimum or any of these allows what it has free.
    private readonly List<(MinAllocatable Min, int Frameworks)> _frameworkMinimums = [];
    private ulong[] _visitKeys = new ulong[64];
    private readonly RandomStream _draws = new(0);
    private readonly Action<RefusalFilter> _filterExpired;
    private ulong _drawsSeed;
    private bool _drawsSeeded;
    private Time _runInstant = new(-1);
    private long _triggeredAtInstant;
    private ulong _runKey;
    private R _total;
    private R _freeUnreserved;
    private R _requiredHeadroom;
    private bool _changed;
    private bool _anyQuota;

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
        _roleSorter = policy.RoleSorter(Draws);
        _filterExpired = FilterExpired;
    }

    public R Total => _total;

    /// <summary>Agent visits made by all runs so far: what a run costs grows with these, and skipping agents
    /// nobody could take is meant to keep them to the agents where something changed.</summary>
    public long AgentVisits { get; private set; }

    public bool HasNewAllocationChances => _changed;

    // ---- agents -------------------------------------------------------------------------------------

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        while (_agents.Count <= agent.Value) _agents.Add(null);
        if (_agents[agent.Value] != null) throw new InvalidOperationException($"{agent} is already added");
        var slot = new AgentSlot(agent, info);
        _agents[agent.Value] = slot;
        while (_inDirty.Count <= agent.Value) _inDirty.Add(false);
        MarkDirty(agent.Value);
        foreach (var (role, reserved) in slot.TotalReserved) RoleOf(role).ReservedTotal += reserved;
        _freeUnreserved += slot.FreeUnreserved;
        _sharing.AgentAdded(slot);
        RefreshOfferable(slot);
        SetTotal(_total + slot.Total);
        _changed = true;
    }

    public void RemoveAgent(AgentId agent)
    {
        var slot = AgentSlotOf(agent);
        foreach (var (frameworkId, held) in slot.ByFramework.ToArray())
            Untrack(_frameworks[frameworkId]!, slot, held.Total, held.Reserved);
        foreach (var (role, reserved) in slot.TotalReserved) _roles[role].ReservedTotal -= reserved;
        foreach (var framework in _frameworks)
            if (framework != null && framework.Filters.Remove(agent.Value, out var filters))
                for (var f = filters; f != null; f = f.Next) _loop.Cancel(f.Expiry);
        _freeUnreserved -= slot.FreeUnreserved;
        _sharing.AgentRemoved(slot);
        if (slot.OfferablePosition >= 0) RemoveOfferable(slot);
        _agents[agent.Value] = null;
        SetTotal(_total - slot.Total);
    }

    // ---- frameworks and roles -----------------------------------------------------------------------

    public void AddFramework(FrameworkId framework, FrameworkInfo info)
    {
        while (_frameworks.Count <= framework.Value) _frameworks.Add(null);
        if (_frameworks[framework.Value] != null) throw new InvalidOperationException($"{framework} is already added");
        var role = RoleOf(info.Role);
        int client = role.Frameworks.Add(info.Name);
        var slot = new FrameworkSlot(framework, info, role, client);
        while (role.ByClient.Count <= client) role.ByClient.Add(null);
        role.ByClient[client] = slot;
        role.FrameworkCount++;
        _frameworks[framework.Value] = slot;
        if (info.MinAllocatable is { } min) CountMinimum(min, +1);
        _changed = true;
        MarkAllDirty();
    }

    public void RemoveFramework(FrameworkId framework)
    {
        var slot = FrameworkSlotOf(framework);
        foreach (var agent in _agents)
            if (agent != null && agent.ByFramework.TryGetValue(framework.Value, out var held))
                Untrack(slot, agent, held.Total, held.Reserved);
        ClearFilters(slot);
        slot.Role.Frameworks.Remove(slot.Client);
        slot.Role.ByClient[slot.Client] = null;
        slot.Role.FrameworkCount--;
        _frameworks[framework.Value] = null;
        if (slot.Info.MinAllocatable is { } min) CountMinimum(min, -1);
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
        if (!(weight > 0) || double.IsInfinity(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"role '{role}': a weight must be a positive number");
        _weights[role] = weight;
        if (_roles.TryGetValue(role, out var slot))
        {
            slot.Weight = weight;
            _roleSorter.UpdateWeight(slot.Client, weight);
        }
        _changed = true;
    }

    public double Weight(string role) => _weights.TryGetValue(role, out var w) ? w : 1.0;

    public void SetQuota(string role, Quota quota)
    {
        RoleOf(role).Quota = quota;
        _changed = true;
        MarkAllDirty();
    }

    public Quota QuotaOf(string role) => _roles.TryGetValue(role, out var slot) ? slot.Quota : Quota.None;

    public R QuotaConsumption(string role) => _roles.TryGetValue(role, out var slot) ? slot.Consumption : R.Empty;

    public void Suppress(FrameworkId framework) => FrameworkSlotOf(framework).Suppressed = true;

    public void Revive(FrameworkId framework)
    {
        var slot = FrameworkSlotOf(framework);
        slot.Suppressed = false;
        ClearFilters(slot);
        _changed = true;
        MarkAllDirty();
    }

    // ---- reservations -------------------------------------------------------------------------------

    public bool Reserve(AgentId agent, string role, R resources, FrameworkId? holder = null) =>
        MoveReservation(agent, role, resources, holder, reserve: true);

    public bool Unreserve(AgentId agent, string role, R resources, FrameworkId? holder = null) =>
        MoveReservation(agent, role, resources, holder, reserve: false);

    public R ReservedOn(AgentId agent, string role) => AgentSlotOf(agent).ReservedFor(role);

    /// <summary>
    /// Moves resources between an agent's unreserved pool and a role's reservation. Held resources stay with
    /// their framework (only their reservation changes), so the role's quota consumption does not change;
    /// free ones change pool, and a reservation counts against quota whether allocated or not.
    /// </summary>
    private bool MoveReservation(AgentId agent, string role, R resources, FrameworkId? holder, bool reserve)
    {
        var slot = AgentSlotOf(agent);
        var roleSlot = RoleOf(role);
        var sign = reserve ? resources : R.Empty - resources;
        if (holder is { } h)
        {
            var framework = FrameworkSlotOf(h);
            if (framework.Role != roleSlot) return false;
            if (!slot.ByFramework.TryGetValue(h.Value, out var held)) return false;
            if (!(reserve ? held.Unreserved : held.Reserved).Contains(resources)) return false;
            slot.ByFramework.Set(h.Value, held with { Reserved = held.Reserved + sign });
            roleSlot.AllocatedUnreserved -= sign;
        }
        else
        {
            if (!(reserve ? slot.FreeUnreserved : slot.FreeReservedFor(role)).Contains(resources)) return false;
            slot.FreeUnreserved -= sign;
            _freeUnreserved -= sign;
            AgentSlot.Add(slot.FreeReserved, role, sign);
        }
        slot.TotalUnreserved -= sign;
        AgentSlot.Add(slot.TotalReserved, role, sign);
        roleSlot.ReservedTotal += sign;
        _changed = true;
        MarkDirty(agent.Value);
        RefreshOfferable(slot);
        return true;
    }

    // ---- resources coming back ----------------------------------------------------------------------

    public void Recover(FrameworkId framework, AgentId agent, R resources, Duration refuse, R reserved = default)
    {
        if (resources.IsEmpty) return;
        if (agent.Value >= _agents.Count || _agents[agent.Value] is not { } agentSlot) return;
        if (framework.Value >= _frameworks.Count || _frameworks[framework.Value] is not { } frameworkSlot) return;
        Untrack(frameworkSlot, agentSlot, resources, reserved);
        _changed = true;
        if (refuse <= Duration.Zero) return;

        var filter = new RefusalFilter(resources, frameworkSlot, agent.Value, _filterExpired);
        ref var newest = ref CollectionsMarshal.GetValueRefOrAddDefault(frameworkSlot.Filters, agent.Value, out _);
        filter.Next = newest;
        if (newest != null) newest.Previous = filter;
        newest = filter;
        // Mesos expires a filter after max(allocation interval, refuse_seconds) so that it cannot lapse before
        // the next batch allocation has seen it (MESOS-4302).
        var lifetime = Duration.Max(_options.Interval, refuse);
        if (!lifetime.IsForever) filter.Expiry = _loop.At(_loop.Now + lifetime, filter, 0);
    }

    private void FilterExpired(RefusalFilter filter)
    {
        // A filter's timer is cancelled when the filter is cleared, so an expiring filter is still installed.
        var filters = filter.Framework.Filters;
        if (filter.Next != null) filter.Next.Previous = filter.Previous;
        if (filter.Previous != null) filter.Previous.Next = filter.Next;
        else if (filter.Next != null) filters[filter.Agent] = filter.Next;
        else filters.Remove(filter.Agent);
        _changed = true;
        MarkDirty(filter.Agent);
    }

    /// <summary>What a task holds under the policy's unit of allocation (whole slots under slots).</summary>
    public R Footprint(R task) => _unit.Footprint(task);

    // ---- one allocation run -------------------------------------------------------------------------

    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false)
    {
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

        // Headroom (Mesos 1.9+): the unreserved resources that must stay unallocated for unmet guarantees,
        // counted for every role with a guarantee, whether it has frameworks or not.
        _requiredHeadroom = R.Empty;
        bool anyGuarantee = false, anyLimit = false;
        foreach (var role in _rolesByClient)
        {
            anyLimit |= role.Quota.HasLimit;
            if (!role.Quota.HasGuarantee) continue;
            _requiredHeadroom += role.UnsatisfiedGuarantee;
            anyGuarantee = true;
        }
        _anyQuota = anyGuarantee || anyLimit;
        // An agent no framework could take at an earlier run stays so until its free resources, a filter on it,
        // or some framework's eligibility changes: skipping it gives the same offers for less. Quota makes what
        // is offerable depend on the whole cluster (headroom, limits), so then none is skipped.
        bool skipClean = _options.SkipIdleRuns && !_anyQuota;

        CollectVisits(agents, skipClean);
        OrderVisits(Mix((ulong)_seed, _runKey, 0));
        AgentVisits += _visit.Count;

        if (anyGuarantee)
            foreach (int agentIndex in _visit)
                AllocateAgent(_agents[agentIndex]!, grants, guaranteesOnly: true);
        foreach (int agentIndex in _visit)
            AllocateAgent(_agents[agentIndex]!, grants, guaranteesOnly: false);
    }

    /// <summary>
    /// The agents this run visits: the given ones, or all; when clean agents are skipped, only the dirty ones.
    /// A run over all agents takes the dirty set: an agent it visits is clean afterwards unless a grant marks
    /// it dirty again. A run over some agents leaves the set alone (an agent it found clean is visited once
    /// more by the next full run, which finds the same).
    /// </summary>
    private void CollectVisits(IReadOnlyCollection<AgentId>? agents, bool skipClean)
    {
        _visit.Clear();
        if (agents != null)
        {
            foreach (var a in agents)
                if (a.Value < _agents.Count && _agents[a.Value] != null && (!skipClean || _allDirty || _inDirty[a.Value]))
                    _visit.Add(a.Value);
            return;
        }
        if (!skipClean)
        {
            for (int i = 0; i < _agents.Count; i++)
                if (_agents[i] != null) _visit.Add(i);
            return;
        }
        // An agent with nothing offerable free gets nothing at this run whatever else changed; when it frees
        // something it is marked dirty again, so leaving it out now loses nothing.
        if (_allDirty)
        {
            foreach (var agent in _offerable) _visit.Add(agent.Id.Value);
        }
        else
        {
            foreach (int i in _dirty)
                if (_agents[i] is { OfferablePosition: >= 0 }) _visit.Add(i);
        }
        foreach (int i in _dirty) _inDirty[i] = false;
        _dirty.Clear();
        _allDirty = false;
    }

    /// <summary>
    /// Puts the agents to visit in a random order, as Mesos shuffles its agents before each run. Each agent
    /// gets a random key from the run and its id and the agents are sorted by key: a uniformly random order
    /// whose restriction to any subset is the same as the whole order's, so visiting only some agents visits
    /// them in the order a visit of all would, at a cost that follows the agents visited, not the cluster.
    /// </summary>
    private void OrderVisits(ulong runSeed)
    {
        int n = _visit.Count;
        if (_visitKeys.Length < n) _visitKeys = new ulong[Math.Max(n, _visitKeys.Length * 2)];
        var keys = _visitKeys.AsSpan(0, n);
        for (int j = 0; j < n; j++)
        {
            uint agent = (uint)_visit[j];
            keys[j] = (SplitMix(runSeed + agent * 0x9E3779B97F4A7C15UL) & 0xFFFFFFFF00000000UL) | agent;
        }
        keys.Sort();
        for (int j = 0; j < n; j++) _visit[j] = (int)(uint)keys[j];
    }

    private static ulong SplitMix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void MarkDirty(int agent)
    {
        if (agent >= _inDirty.Count || _inDirty[agent]) return;
        _inDirty[agent] = true;
        _dirty.Add(agent);
    }

    /// <summary>Keeps <see cref="_offerable"/> (and the agent's place in it, which <see cref="AllocateAgent"/>
    /// starts by checking) up to date after the agent's free resources changed.</summary>
    private void RefreshOfferable(AgentSlot agent)
    {
        bool offerable = !(agent.FreeUnreserved.IsEmpty && agent.FreeReserved.Count == 0)
                         && AnyMinimumAllows(agent.Free);
        if (offerable == agent.OfferablePosition >= 0) return;
        if (!offerable)
        {
            RemoveOfferable(agent);
            return;
        }
        agent.OfferablePosition = _offerable.Count;
        _offerable.Add(agent);
    }

    private bool AnyMinimumAllows(R free)
    {
        if (_options.MinAllocatable.Allows(free)) return true;
        foreach (var (min, _) in _frameworkMinimums)
            if (min.Allows(free)) return true;
        return false;
    }

    private void RemoveOfferable(AgentSlot agent)
    {
        int at = agent.OfferablePosition;
        var last = _offerable[^1];
        _offerable[at] = last;
        last.OfferablePosition = at;
        _offerable.RemoveAt(_offerable.Count - 1);
        agent.OfferablePosition = -1;
    }

    /// <summary>Something that concerns every agent changed (a framework came or revived, quota changed).</summary>
    private void MarkAllDirty()
    {
        _allDirty = true;
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
        if (agent.OfferablePosition < 0) return;
        _drawsSeed = Mix((ulong)_seed, _runKey, (ulong)agent.Id.Value * 2 + (guaranteesOnly ? 1UL : 2UL));
        _drawsSeeded = false;
        Snapshot(_roleSorter.Sort(), _roleOrder);
        foreach (int roleClient in _roleOrder)
        {
            var role = _rolesByClient[roleClient];
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
                bool exhausts = offer - reserved == agent.FreeUnreserved && reserved == agent.FreeReservedFor(role.Name);
                if (!exhausts && ReferenceEquals(walk, order))
                {
                    _frameworkOrder.Clear();
                    for (int j = i + 1; j < order.Count; j++) _frameworkOrder.Add(order[j]);
                    walk = _frameworkOrder;
                    i = -1;
                }
                Track(framework, agent, offer, reserved);
                _requiredHeadroom = _requiredHeadroom.SubtractFloored(towardGuarantee);
                grants.Add(new Grant(framework.Id, agent.Id, offer, reserved));
                if (exhausts || (agent.FreeUnreserved.IsEmpty && agent.FreeReservedFor(role.Name).IsEmpty)) break;
            }
            if (agent.FreeUnreserved.IsEmpty && agent.FreeReserved.Count == 0) return;
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
        if (framework.Suppressed) return R.Empty;
        // Mesos offers GPU agents only to GPU-capable frameworks (--filter_gpu_resources), so that frameworks
        // that cannot use GPUs do not squat on the few machines that have them.
        if (_options.FilterGpuResources && agent.HasGpus && !framework.GpuCapable) return R.Empty;

        var available = agent.FreeUnreserved;
        R unreserved;
        if (!_anyQuota)
        {
            // Without quota nothing is held back or capped: the whole free agent (the common, hot case).
            unreserved = available;
        }
        else if (guaranteesOnly)
        {
            // Stage 1 (hierarchical.cpp, __generateOffers, first stage): what helps the unmet guarantee is
            // offered unconditionally; an agent that offers nothing towards it is skipped here and left to the
            // second stage (`if (guaranteesOffering.empty()) continue;`). The rest of the agent, guaranteed
            // kinds included, may burst above the guarantee up to the limit as far as the headroom other
            // roles need allows (`additionalScalarOffering = quotaResources - guaranteesOffering`).
            var guaranteed = available.Min(role.UnsatisfiedGuarantee);
            if (guaranteed.IsEmpty) return R.Empty;
            var room = role.Quota.LimitRoom(role.Consumption + guaranteed, available);
            var surplus = _freeUnreserved.SubtractFloored(_requiredHeadroom);
            unreserved = guaranteed + (available - guaranteed).Min(room).Min(surplus);
            towardGuarantee = guaranteed;
        }
        else
        {
            // Stage 2: everything free, less the headroom other roles' guarantees need (a role may use the
            // headroom held for its own guarantee), within the limit.
            var unsatisfied = role.UnsatisfiedGuarantee;
            var room = role.Quota.LimitRoom(role.Consumption, available);
            var surplus = _freeUnreserved.SubtractFloored(_requiredHeadroom);
            unreserved = available.Min(surplus + unsatisfied).Min(room);
            towardGuarantee = unreserved.Min(unsatisfied);
        }
        if (_cutsToUnits) unreserved = _unit.Cut(unreserved);
        reserved = agent.FreeReserved.Count == 0 ? R.Empty : agent.FreeReservedFor(role.Name);
        var offer = reserved + unreserved;
        // A framework's own minimum replaces the cluster's for it, it does not add to it (hierarchical.cpp,
        // allocatable(): framework.minAllocatableResources.at(role) takes the place of the global option).
        if (!(framework.Info.MinAllocatable ?? _options.MinAllocatable).Allows(offer)) return R.Empty;
        if (framework.Filters.TryGetValue(agent.Id.Value, out var filters))
            for (var f = filters; f != null; f = f.Next)
                if (f.Blocks(offer)) return R.Empty;
        return offer;
    }

    private static void Snapshot(IReadOnlyList<int> order, List<int> into)
    {
        into.Clear();
        for (int i = 0; i < order.Count; i++) into.Add(order[i]);
    }

    // ---- shares -------------------------------------------------------------------------------------

    public double RoleShare(string role) =>
        _roles.TryGetValue(role, out var slot)
            ? DominantShare.Of(slot.Allocation, _total, slot.Weight, _fairnessExcluded)
            : 0.0;

    public double FrameworkShare(FrameworkId framework) =>
        DominantShare.Of(FrameworkSlotOf(framework).Allocation, _total, 1.0, _fairnessExcluded);

    public R Allocation(FrameworkId framework) => FrameworkSlotOf(framework).Allocation;

    // ---- bookkeeping --------------------------------------------------------------------------------

    private void Track(FrameworkSlot framework, AgentSlot agent, R resources, R reserved)
    {
        MarkDirty(agent.Id.Value);
        var unreserved = resources - reserved;
        agent.FreeUnreserved -= unreserved;
        AgentSlot.Add(agent.FreeReserved, framework.Role.Name, R.Empty - reserved);
        _freeUnreserved -= unreserved;
        var held = agent.ByFramework.TryGetValue(framework.Id.Value, out var h) ? h : default;
        agent.ByFramework.Set(framework.Id.Value, new Holding(held.Total + resources, held.Reserved + reserved));
        framework.Allocation += resources;
        framework.Role.Allocation += resources;
        framework.Role.AllocatedUnreserved += unreserved;
        _roleSorter.Allocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Allocated(framework.Client, resources);
        RefreshOfferable(agent);
    }

    private void Untrack(FrameworkSlot framework, AgentSlot agent, R resources, R reserved)
    {
        if (!agent.ByFramework.TryGetValue(framework.Id.Value, out var held) || !held.Total.Contains(resources)
            || !held.Reserved.Contains(reserved) || !resources.Contains(reserved))
            throw new InvalidOperationException(
                $"{framework.Info.Name} returns {resources} ({reserved} reserved) on agent '{agent.Info.Name}' but holds {held.Total} ({held.Reserved} reserved) there");
        MarkDirty(agent.Id.Value);
        var left = new Holding(held.Total - resources, held.Reserved - reserved);
        agent.ByFramework.Set(framework.Id.Value, left);
        var unreserved = resources - reserved;
        agent.FreeUnreserved += unreserved;
        AgentSlot.Add(agent.FreeReserved, framework.Role.Name, reserved);
        _freeUnreserved += unreserved;
        framework.Allocation -= resources;
        framework.Role.Allocation -= resources;
        framework.Role.AllocatedUnreserved -= unreserved;
        _roleSorter.Unallocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Unallocated(framework.Client, resources);
        RefreshOfferable(agent);
    }

    private RoleSlot RoleOf(string name)
    {
        if (_roles.TryGetValue(name, out var role)) return role;
        double weight = Weight(name);
        int client = _roleSorter.Add(name, weight);
        var frameworks = _frameworkSorters(Draws);
        frameworks.SetTotal(_total);
        role = new RoleSlot(name, weight, client, frameworks);
        _roles.Add(name, role);
        while (_rolesByClient.Count <= client) _rolesByClient.Add(role);
        _rolesByClient[client] = role;
        return role;
    }

    private void SetTotal(R total)
    {
        _total = total;
        _roleSorter.SetTotal(total);
        foreach (var role in _rolesByClient) role.Frameworks.SetTotal(total);
    }

    private void ClearFilters(FrameworkSlot framework)
    {
        foreach (var filters in framework.Filters.Values)
            for (var f = filters; f != null; f = f.Next)
                _loop.Cancel(f.Expiry);
        framework.Filters.Clear();
    }

    private static ulong Mix(ulong seed, ulong run, ulong visit) =>
        unchecked(seed * 0x9E3779B97F4A7C15UL + run * 0xD1B54A32D192ED03UL + visit * 0x8CB92BA72F3D8DD7UL);

    private AgentSlot AgentSlotOf(AgentId id) =>
        id.Value < _agents.Count && _agents[id.Value] is { } slot
            ? slot
            : throw new InvalidOperationException($"{id} is not known to the allocator");

    private FrameworkSlot FrameworkSlotOf(FrameworkId id) =>
        id.Value < _frameworks.Count && _frameworks[id.Value] is { } slot
            ? slot
            : throw new InvalidOperationException($"{id} is not known to the allocator");
}
