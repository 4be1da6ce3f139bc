using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Allocators.Oversubscription;

/// <summary>
/// An allocator with oversubscription: the regular allocator it wraps decides the regular resources,
/// untouched, and this keeps the revocable ones apart, per agent, as Mesos's allocator keeps an agent's
/// revocable total (src/master/allocator/mesos/hierarchical.cpp, updateSlave with the agent's
/// oversubscribed resources). After each regular run it offers each agent's unallocated revocable resources,
/// whole, to one framework with the REVOCABLE_RESOURCES capability (<see cref="RevocableResources.Capability"/>):
/// the one holding the fewest revocable cpus, then the first registered, among those active, not suppressed in
/// every role and not filtered there; frameworks without the capability never see them (hierarchical.cpp
/// strips revocable resources from what an incapable framework is offered). Deviations, for the record: in
/// Mesos revocable resources are offered in the same run and sorted with the regular ones by DRF (the sorters
/// count them); here they are a pass of their own, kept out of every role's share and of quota, which Mesos
/// also excludes them from (hierarchical.cpp: quota headroom and guarantees count non-revocable resources).
/// </summary>
public sealed class RevocableAllocator : IAllocator, IOversubscribedTotals
{
    private readonly IAllocator _regular;
    private readonly ILoop _loop;
    private readonly SortedDictionary<int, AgentPool> _agents = [];
    private readonly SortedDictionary<int, Candidate> _frameworks = [];

    /// <summary>Agents with revocable resources nobody holds: a run looks at these only.</summary>
    private readonly SortedSet<int> _available = [];
    private bool _changed;

    public RevocableAllocator(IAllocator regular, ILoop loop)
    {
        _regular = regular;
        _loop = loop;
    }

    /// <summary>The agent's revocable total, as its estimator last reported it (Mesos's UpdateSlaveMessage
    /// with update_oversubscribed_resources); what frameworks hold beyond it stays theirs until it returns.</summary>
    public void UpdateOversubscribed(AgentId agent, Resources total)
    {
        if (!_agents.TryGetValue(agent.Value, out var pool) || pool.Total == total) return;
        pool.Total = total;
        Mark(agent.Value, pool);
        _changed = true;
    }

    private void Mark(int agent, AgentPool pool)
    {
        if (pool.Total.SubtractFloored(pool.Allocated).IsEmpty) _available.Remove(agent);
        else _available.Add(agent);
    }

    public Resources OversubscribedOn(AgentId agent) => _agents.TryGetValue(agent.Value, out var p) ? p.Total : default;

    /// <summary>Revocable resources offered to or used by frameworks on the agent.</summary>
    public Resources RevocableAllocatedOn(AgentId agent) => _agents.TryGetValue(agent.Value, out var p) ? p.Allocated : default;

    /// <summary>Revocable resources offered to or used by the framework, on every agent.</summary>
    public Resources RevocableAllocation(FrameworkId framework) =>
        _frameworks.TryGetValue(framework.Value, out var c) ? c.Held : default;

    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false)
    {
        _regular.Allocate(agents, grants, periodic);
        _changed = false;
        if (_available.Count == 0) return;
        var now = _loop.Now;
        // In agent id order: a run over some agents visits them as a run over all would.
        var visit = agents == null ? _available.ToArray() : agents.Select(a => a.Value).Where(_available.Contains).Order().ToArray();
        foreach (var id in visit)
        {
            var pool = _agents[id];
            if (!pool.Active) continue;
            var available = pool.Total.SubtractFloored(pool.Allocated);
            Candidate? chosen = null;
            foreach (var c in _frameworks.Values)
            {
                if (!c.Eligible || (c.Filters.TryGetValue(id, out var until) && until > now)) continue;
                if (chosen == null || c.Held.Cpus < chosen.Held.Cpus) chosen = c;
            }
            if (chosen == null) continue;
            pool.Allocated += available;
            pool.Held[chosen.Id.Value] = pool.Held.GetValueOrDefault(chosen.Id.Value) + available;
            _available.Remove(id);
            chosen.Held += available;
            grants.Add(new Grant(chosen.Id, new AgentId(id), available) { Role = RevocableResources.Role });
        }
    }

    public bool HasNewAllocationChances => _regular.HasNewAllocationChances || _changed;

    public void Recover(FrameworkId framework, AgentId agent, Resources resources, Duration refuse,
        Resources reserved = default, string? role = null)
    {
        if (role != RevocableResources.Role)
        {
            _regular.Recover(framework, agent, resources, refuse, reserved, role);
            return;
        }
        if (_agents.TryGetValue(agent.Value, out var pool))
        {
            pool.Allocated = pool.Allocated.SubtractFloored(resources);
            pool.Held[framework.Value] = pool.Held.GetValueOrDefault(framework.Value).SubtractFloored(resources);
            Mark(agent.Value, pool);
        }
        if (_frameworks.TryGetValue(framework.Value, out var c))
        {
            c.Held = c.Held.SubtractFloored(resources);
            if (refuse > Duration.Zero) c.Filters[agent.Value] = _loop.Now + refuse;
        }
        _changed = true;
    }

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        _regular.AddAgent(agent, info);
        _agents[agent.Value] = new AgentPool();
    }

    public void RemoveAgent(AgentId agent)
    {
        _regular.RemoveAgent(agent);
        // What frameworks held there goes with it (the master recovers none of it from a removed agent).
        if (_agents.Remove(agent.Value, out var pool))
            foreach (var (framework, held) in pool.Held)
                if (_frameworks.TryGetValue(framework, out var c)) c.Held = c.Held.SubtractFloored(held);
        _available.Remove(agent.Value);
    }

    public void UpdateAgent(AgentId agent, AgentInfo info) => _regular.UpdateAgent(agent, info);

    public void DeactivateAgent(AgentId agent)
    {
        _regular.DeactivateAgent(agent);
        if (_agents.TryGetValue(agent.Value, out var p)) p.Active = false;
    }

    public void ActivateAgent(AgentId agent)
    {
        _regular.ActivateAgent(agent);
        if (_agents.TryGetValue(agent.Value, out var p)) p.Active = true;
        _changed = true;
    }

    public void UpdateUnavailability(AgentId agent, Unavailability? unavailability) => _regular.UpdateUnavailability(agent, unavailability);

    public void GenerateInverseOffers(IReadOnlyCollection<AgentId>? agents, List<(FrameworkId Framework, AgentId Agent)> into) =>
        _regular.GenerateInverseOffers(agents, into);

    public void UpdateInverseOffer(FrameworkId framework, AgentId agent, bool? accepted, Duration refuse) =>
        _regular.UpdateInverseOffer(framework, agent, accepted, refuse);

    public void AddFramework(FrameworkId framework, FrameworkInfo info)
    {
        _regular.AddFramework(framework, info);
        _frameworks[framework.Value] = new Candidate(framework, info);
        _changed = true;
    }

    public void RemoveFramework(FrameworkId framework)
    {
        _regular.RemoveFramework(framework);
        _frameworks.Remove(framework.Value);
    }

    public bool AddInUse(FrameworkId framework, AgentId agent, Resources resources, Resources reserved) =>
        _regular.AddInUse(framework, agent, resources, reserved);

    /// <summary>A revocable task an agent re-registered with stays revocable (Mesos's allocator addSlave takes
    /// it as used, its resources marked revocable): held by its framework on the agent, outside the regular
    /// allocator, until it ends. The agent's revocable total is what its next estimate says.</summary>
    public bool AddInUse(FrameworkId framework, AgentId agent, Resources resources, Resources reserved, string role)
    {
        if (role != RevocableResources.Role) return _regular.AddInUse(framework, agent, resources, reserved, role);
        if (!reserved.IsEmpty || !_agents.TryGetValue(agent.Value, out var pool) || !_frameworks.TryGetValue(framework.Value, out var c))
            return false;
        pool.Allocated += resources;
        pool.Held[framework.Value] = pool.Held.GetValueOrDefault(framework.Value) + resources;
        c.Held += resources;
        Mark(agent.Value, pool);
        return true;
    }

    public void Suppress(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
        _regular.Suppress(framework, roles);
        if (!_frameworks.TryGetValue(framework.Value, out var c)) return;
        foreach (var role in roles is { Count: > 0 } ? roles : c.Info.Roles) c.Suppressed.Add(role);
    }

    public void Revive(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
        _regular.Revive(framework, roles);
        if (!_frameworks.TryGetValue(framework.Value, out var c)) return;
        foreach (var role in roles is { Count: > 0 } ? roles : c.Info.Roles) c.Suppressed.Remove(role);
        c.Filters.Clear();
        _changed = true;
    }

    public void DeactivateFramework(FrameworkId framework)
    {
        _regular.DeactivateFramework(framework);
        if (!_frameworks.TryGetValue(framework.Value, out var c)) return;
        c.Active = false;
        c.Filters.Clear();
    }

    public void ActivateFramework(FrameworkId framework)
    {
        _regular.ActivateFramework(framework);
        if (_frameworks.TryGetValue(framework.Value, out var c)) c.Active = true;
        _changed = true;
    }

    public void UpdateFramework(FrameworkId framework, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles)
    {
        _regular.UpdateFramework(framework, info, suppressedRoles);
        if (!_frameworks.TryGetValue(framework.Value, out var c)) return;
        c.Info = info;
        c.Suppressed.Clear();
        foreach (var role in suppressedRoles) c.Suppressed.Add(role);
        _changed = true;
    }

    public void UpdateWeight(string role, double weight) => _regular.UpdateWeight(role, weight);
    public void SetQuota(string role, Quota quota) => _regular.SetQuota(role, quota);
    public Quota QuotaOf(string role) => _regular.QuotaOf(role);

    public bool Reserve(AgentId agent, string role, Resources resources, FrameworkId? holder = null) =>
        _regular.Reserve(agent, role, resources, holder);

    public bool Unreserve(AgentId agent, string role, Resources resources, FrameworkId? holder = null) =>
        _regular.Unreserve(agent, role, resources, holder);

    public Resources ReservedOn(AgentId agent, string role) => _regular.ReservedOn(agent, role);
    public Resources Footprint(Resources task) => _regular.Footprint(task);
    public Resources QuotaConsumption(string role) => _regular.QuotaConsumption(role);
    public double RoleShare(string role) => _regular.RoleShare(role);
    public double FrameworkShare(FrameworkId framework) => _regular.FrameworkShare(framework);

    /// <summary>The framework's regular resources: revocable ones are <see cref="RevocableAllocation"/>.</summary>
    public Resources Allocation(FrameworkId framework) => _regular.Allocation(framework);

    public Resources Allocation(FrameworkId framework, string role) =>
        role == RevocableResources.Role ? RevocableAllocation(framework) : _regular.Allocation(framework, role);

    /// <summary>The agents' regular (non-revocable) total, which shares and utilisation are measured against.</summary>
    public Resources Total => _regular.Total;

    public double Weight(string role) => _regular.Weight(role);

    private sealed class AgentPool
    {
        public Resources Total { get; set; }
        public Resources Allocated { get; set; }
        public bool Active { get; set; } = true;

        /// <summary>What each framework (by id) holds of it.</summary>
        public Dictionary<int, Resources> Held { get; } = [];
    }

    private sealed class Candidate(FrameworkId id, FrameworkInfo info)
    {
        public FrameworkId Id { get; } = id;
        public FrameworkInfo Info { get; set; } = info;
        public bool Active { get; set; } = true;
        public HashSet<string> Suppressed { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, Time> Filters { get; } = [];
        public Resources Held { get; set; }

        public bool Eligible => Active && Info.HasCapability(RevocableResources.Capability) && Suppressed.Count < Info.Roles.Count;
    }
}
