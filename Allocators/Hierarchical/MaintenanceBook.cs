using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Maintenance in the allocator, as Mesos keeps it (hierarchical.cpp: Slave::Maintenance, updateUnavailability,
/// generateInverseOffers, updateInverseOffer): which agents have a window, which frameworks hold an
/// unanswered inverse offer for each, what they answered, and the inverse offer filters frameworks asked for.
/// </summary>
internal sealed class MaintenanceBook(ILoop loop)
{
    private readonly SortedDictionary<int, AgentWindow> _agents = [];
    // Refused inverse offers, by (framework id value, agent id value): until when (RefusedInverseOfferFilter).
    private readonly Dictionary<(int Framework, int Agent), Time> _filters = [];

    /// <summary>Some agent has a window: inverse offers may be due at any run.</summary>
    public bool Any => _agents.Count > 0;

    public void Update(int agent, Unavailability? unavailability)
    {
        // updateUnavailability: "framework.inverseOfferFilters.erase(slaveId)" for every framework.
        foreach (var key in _filters.Keys.Where(k => k.Agent == agent).ToArray()) _filters.Remove(key);
        _agents.Remove(agent);
        if (unavailability != null) _agents[agent] = new AgentWindow(unavailability);
    }

    /// <summary>generateInverseOffers over the agents of a run (null: all): each active framework holding
    /// resources on an agent with a window, without an outstanding inverse offer there or a filter.</summary>
    public void Generate(IReadOnlyCollection<AgentId>? agents, IReadOnlyList<AgentSlot?> slots,
        IReadOnlyList<FrameworkSlot?> frameworks, List<(FrameworkId Framework, AgentId Agent)> into)
    {
        foreach (var (agent, window) in _agents)
        {
            if (agents != null && !agents.Contains(new AgentId(agent))) continue;
            if (agent >= slots.Count || slots[agent] is not { } slot) continue;
            foreach (var (key, _) in slot.ByFramework.ToArray())
            {
                // A framework in several roles holds a slot per role: one inverse offer per framework.
                if (frameworks[key] is not { } framework || !framework.Active) continue;
                int id = framework.Id.Value;
                if (window.Outstanding.Contains(id)) continue;
                if (_filters.TryGetValue((id, agent), out var until) && loop.Now < until) continue;
                window.Outstanding.Add(id);
                into.Add((framework.Id, new AgentId(agent)));
            }
        }
    }

    /// <summary>updateInverseOffer: the framework answered (or the offer was withdrawn: null), with a filter
    /// for <paramref name="refuse"/> when positive.</summary>
    public void Answered(int framework, int agent, bool? accepted, Duration refuse)
    {
        if (!_agents.TryGetValue(agent, out var window)) return;
        if (window.Outstanding.Remove(framework) && accepted is { } a) window.Statuses[framework] = a;
        if (refuse > Duration.Zero) _filters[(framework, agent)] = loop.Now + refuse;
    }

    /// <summary>What the framework last answered for the agent's window (null: nothing yet).</summary>
    public bool? StatusOf(int framework, int agent) =>
        _agents.TryGetValue(agent, out var window) && window.Statuses.TryGetValue(framework, out var s) ? s : null;

    /// <summary>deactivateFramework: "framework.inverseOfferFilters.clear()".</summary>
    public void ClearFilters(int framework)
    {
        foreach (var key in _filters.Keys.Where(k => k.Framework == framework).ToArray()) _filters.Remove(key);
    }

    public void FrameworkRemoved(int framework)
    {
        foreach (var window in _agents.Values)
        {
            window.Outstanding.Remove(framework);
            window.Statuses.Remove(framework);
        }
        foreach (var key in _filters.Keys.Where(k => k.Framework == framework).ToArray()) _filters.Remove(key);
    }

    public void AgentRemoved(int agent) => Update(agent, null);

    private sealed class AgentWindow(Unavailability unavailability)
    {
        public Unavailability Unavailability { get; } = unavailability;
        public SortedSet<int> Outstanding { get; } = [];
        public SortedDictionary<int, bool> Statuses { get; } = [];
    }
}
