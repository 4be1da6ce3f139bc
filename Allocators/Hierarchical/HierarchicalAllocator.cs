using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The mechanism of Mesos's HierarchicalDRFAllocator, with the policy left to its sorters: each run visits
/// agents in a random order, and for each agent walks roles in the role sorter's order and, within a role,
/// frameworks in that role's sorter order; the first framework that is not suppressed, filtered or ineligible
/// gets everything still free on the agent. Shares change with every grant, so the order is asked again for
/// the next agent.
/// </summary>
public sealed class HierarchicalAllocator : IAllocator
{
    private readonly ILoop _loop;
    private readonly AllocationOptions _options;
    private readonly SorterFactory _sorters;
    private readonly long _seed;
    private readonly ISorter _roleSorter;
    private readonly List<AgentSlot?> _agents = [];
    private readonly List<FrameworkSlot?> _frameworks = [];
    private readonly Dictionary<string, RoleSlot> _roles = new(StringComparer.Ordinal);
    private readonly List<RoleSlot> _rolesByClient = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly List<int> _visit = [];
    private RandomStream _runStream;
    private long _runs;
    private Resources _total;
    private bool _changed;

    public HierarchicalAllocator(ILoop loop, AllocationOptions options, SorterFactory sorters, long seed)
    {
        _loop = loop;
        _options = options;
        _sorters = sorters;
        _seed = seed;
        _runStream = RunStream(0);
        _roleSorter = sorters(() => _runStream);
    }

    public Resources Total => _total;

    public bool HasNewAllocationChances => _changed;

    /// <summary>Allocation runs so far.</summary>
    public long Runs => _runs;

    // ---- agents -------------------------------------------------------------------------------------

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        while (_agents.Count <= agent.Value) _agents.Add(null);
        if (_agents[agent.Value] != null) throw new InvalidOperationException($"{agent} is already added");
        var slot = new AgentSlot(agent, info);
        _agents[agent.Value] = slot;
        SetTotal(_total + slot.Total);
        _changed = true;
    }

    public void RemoveAgent(AgentId agent)
    {
        var slot = AgentSlotOf(agent);
        foreach (var (frameworkId, held) in slot.ByFramework.ToArray())
            Untrack(_frameworks[frameworkId]!, slot, held);
        foreach (var framework in _frameworks)
            if (framework != null && framework.Filters.Remove(agent.Value, out var filters))
                foreach (var f in filters) _loop.Cancel(f.Expiry);
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
        _changed = true;
    }

    public void RemoveFramework(FrameworkId framework)
    {
        var slot = FrameworkSlotOf(framework);
        foreach (var agent in _agents)
            if (agent != null && agent.ByFramework.TryGetValue(framework.Value, out var held))
                Untrack(slot, agent, held);
        ClearFilters(slot);
        slot.Role.Frameworks.Remove(slot.Client);
        slot.Role.ByClient[slot.Client] = null;
        slot.Role.FrameworkCount--;
        _frameworks[framework.Value] = null;
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

    public void Suppress(FrameworkId framework) => FrameworkSlotOf(framework).Suppressed = true;

    public void Revive(FrameworkId framework)
    {
        var slot = FrameworkSlotOf(framework);
        slot.Suppressed = false;
        ClearFilters(slot);
        _changed = true;
    }

    // ---- resources coming back ----------------------------------------------------------------------

    public void Recover(FrameworkId framework, AgentId agent, Resources resources, Duration refuse)
    {
        if (resources.IsEmpty) return;
        if (agent.Value >= _agents.Count || _agents[agent.Value] is not { } agentSlot) return;
        if (framework.Value >= _frameworks.Count || _frameworks[framework.Value] is not { } frameworkSlot) return;
        Untrack(frameworkSlot, agentSlot, resources);
        _changed = true;
        if (refuse <= Duration.Zero) return;

        var filter = new RefusalFilter(resources);
        if (!frameworkSlot.Filters.TryGetValue(agent.Value, out var filters))
            frameworkSlot.Filters.Add(agent.Value, filters = []);
        filters.Add(filter);
        // Mesos expires a filter after max(allocation interval, refuse_seconds) so that it cannot lapse before
        // the next batch allocation has seen it (MESOS-4302).
        var lifetime = Duration.Max(_options.Interval, refuse);
        filter.Expiry = _loop.After(lifetime, () =>
        {
            filters.Remove(filter);
            if (filters.Count == 0) frameworkSlot.Filters.Remove(agent.Value);
            _changed = true;
        });
    }

    // ---- one allocation run -------------------------------------------------------------------------

    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants)
    {
        _runs++;
        // Each run draws from its own stream, derived from the seed and the run's number, so whether an idle
        // run was skipped or not never shifts the draws of later runs.
        _runStream = RunStream(_runs);
        if (agents == null) _changed = false;

        _visit.Clear();
        if (agents == null)
        {
            for (int i = 0; i < _agents.Count; i++)
                if (_agents[i] != null) _visit.Add(i);
        }
        else
        {
            foreach (var a in agents)
                if (a.Value < _agents.Count && _agents[a.Value] != null) _visit.Add(a.Value);
        }
        Shuffle(_visit, _runStream);

        foreach (int agentIndex in _visit)
        {
            var agent = _agents[agentIndex]!;
            var available = agent.Available;
            if (!_options.MinAllocatable.Allows(available)) continue;
            var granted = GrantAgent(agent, available);
            if (granted is { } grant) grants.Add(grant);
        }
    }

    private Grant? GrantAgent(AgentSlot agent, Resources available)
    {
        foreach (int roleClient in _roleSorter.Sort())
        {
            var role = _rolesByClient[roleClient];
            if (role.FrameworkCount == 0) continue;
            foreach (int frameworkClient in role.Frameworks.Sort())
            {
                var framework = role.ByClient[frameworkClient]!;
                if (!Eligible(framework, agent, available)) continue;
                Track(framework, agent, available);
                return new Grant(framework.Id, agent.Id, available);
            }
        }
        return null;
    }

    private bool Eligible(FrameworkSlot framework, AgentSlot agent, Resources offer)
    {
        if (framework.Suppressed) return false;
        // Mesos offers GPU agents only to GPU-capable frameworks (--filter_gpu_resources), so that frameworks
        // that cannot use GPUs do not squat on the few machines that have them.
        if (_options.FilterGpuResources && agent.HasGpus && !framework.GpuCapable) return false;
        if (framework.Info.MinAllocatable is { } min && !min.Allows(offer)) return false;
        if (framework.Filters.TryGetValue(agent.Id.Value, out var filters))
            foreach (var f in filters)
                if (f.Blocks(offer)) return false;
        return true;
    }

    // ---- shares -------------------------------------------------------------------------------------

    public double RoleShare(string role) =>
        _roles.TryGetValue(role, out var slot)
            ? DominantShare.Of(slot.Allocation, _total, slot.Weight, _options.FairnessExcluded)
            : 0.0;

    public double FrameworkShare(FrameworkId framework) =>
        DominantShare.Of(FrameworkSlotOf(framework).Allocation, _total, 1.0, _options.FairnessExcluded);

    public Resources Allocation(FrameworkId framework) => FrameworkSlotOf(framework).Allocation;

    // ---- bookkeeping --------------------------------------------------------------------------------

    private void Track(FrameworkSlot framework, AgentSlot agent, Resources resources)
    {
        agent.Allocated += resources;
        agent.ByFramework[framework.Id.Value] =
            (agent.ByFramework.TryGetValue(framework.Id.Value, out var held) ? held : Resources.Empty) + resources;
        framework.Allocation += resources;
        framework.Role.Allocation += resources;
        _roleSorter.Allocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Allocated(framework.Client, resources);
    }

    private void Untrack(FrameworkSlot framework, AgentSlot agent, Resources resources)
    {
        if (!agent.ByFramework.TryGetValue(framework.Id.Value, out var held) || !held.Contains(resources))
            throw new InvalidOperationException(
                $"{framework.Info.Name} returns {resources} on agent '{agent.Info.Name}' but holds {held} there");
        var left = held - resources;
        if (left.IsEmpty) agent.ByFramework.Remove(framework.Id.Value);
        else agent.ByFramework[framework.Id.Value] = left;
        agent.Allocated -= resources;
        framework.Allocation -= resources;
        framework.Role.Allocation -= resources;
        _roleSorter.Unallocated(framework.Role.Client, resources);
        framework.Role.Frameworks.Unallocated(framework.Client, resources);
    }

    private RoleSlot RoleOf(string name)
    {
        if (_roles.TryGetValue(name, out var role)) return role;
        double weight = Weight(name);
        int client = _roleSorter.Add(name, weight);
        var frameworks = _sorters(() => _runStream);
        frameworks.SetTotal(_total);
        role = new RoleSlot(name, weight, client, frameworks);
        _roles.Add(name, role);
        while (_rolesByClient.Count <= client) _rolesByClient.Add(role);
        _rolesByClient[client] = role;
        return role;
    }

    private void SetTotal(Resources total)
    {
        _total = total;
        _roleSorter.SetTotal(total);
        foreach (var role in _rolesByClient) role.Frameworks.SetTotal(total);
    }

    private void ClearFilters(FrameworkSlot framework)
    {
        foreach (var filters in framework.Filters.Values)
            foreach (var f in filters)
                _loop.Cancel(f.Expiry);
        framework.Filters.Clear();
    }

    private RandomStream RunStream(long run) => new(unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL + (ulong)run * 0xD1B54A32D192ED03UL));

    /// <summary>Fisher-Yates, as Mesos shuffles its agents before each run.</summary>
    private static void Shuffle(List<int> items, RandomStream random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private AgentSlot AgentSlotOf(AgentId id) =>
        id.Value < _agents.Count && _agents[id.Value] is { } slot
            ? slot
            : throw new InvalidOperationException($"{id} is not known to the allocator");

    private FrameworkSlot FrameworkSlotOf(FrameworkId id) =>
        id.Value < _frameworks.Count && _frameworks[id.Value] is { } slot
            ? slot
            : throw new InvalidOperationException($"{id} is not known to the allocator");
}
