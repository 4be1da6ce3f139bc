using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>
/// The simplest allocator that lets the master be tested alone: each run gives every agent's free resources
/// to the first registered framework, and every call is written down.
/// </summary>
internal sealed class RecordingAllocator(ILoop loop) : IAllocator
{
    private readonly SortedDictionary<int, R> _free = [];
    private readonly SortedDictionary<int, R> _held = [];
    private readonly List<FrameworkId> _frameworks = [];

    public List<string> Calls { get; } = [];
    public bool Changed { get; set; }

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        _free[agent.Value] = info.Total.Total;
        Calls.Add($"{loop.Now} addAgent {info.Name}");
        Changed = true;
    }

    public void RemoveAgent(AgentId agent)
    {
        _free.Remove(agent.Value);
        Calls.Add($"{loop.Now} removeAgent {agent.Value}");
    }

    public void UpdateAgent(AgentId agent, AgentInfo info) => Calls.Add($"{loop.Now} updateAgent {info.Name} {info.Total}");
    public void DeactivateAgent(AgentId agent) => Calls.Add($"{loop.Now} deactivateAgent {agent.Value}");
    public void ActivateAgent(AgentId agent) => Calls.Add($"{loop.Now} activateAgent {agent.Value}");

    public void UpdateUnavailability(AgentId agent, Unavailability? unavailability) =>
        Calls.Add($"{loop.Now} unavailability {agent.Value} {unavailability}");

    /// <summary>Inverse offers the next <see cref="GenerateInverseOffers"/> hands out.</summary>
    public List<(FrameworkId, AgentId)> DueInverseOffers { get; } = [];

    public void GenerateInverseOffers(IReadOnlyCollection<AgentId>? agents, List<(FrameworkId Framework, AgentId Agent)> into)
    {
        into.AddRange(DueInverseOffers);
        DueInverseOffers.Clear();
    }

    public void UpdateInverseOffer(FrameworkId framework, AgentId agent, bool? accepted, Duration refuse) =>
        Calls.Add($"{loop.Now} inverse {framework.Value} {agent.Value} {accepted} refuse {refuse}");

    public void AddFramework(FrameworkId framework, FrameworkInfo info)
    {
        _frameworks.Add(framework);
        Calls.Add($"{loop.Now} addFramework {info.Name}");
        Changed = true;
    }

    public void RemoveFramework(FrameworkId framework)
    {
        _frameworks.Remove(framework);
        Calls.Add($"{loop.Now} removeFramework {framework.Value}");
    }

    public void Recover(FrameworkId framework, AgentId agent, R resources, Duration refuse, R reserved = default,
        string? role = null)
    {
        if (_free.ContainsKey(agent.Value)) _free[agent.Value] += resources;
        _held[framework.Value] = (_held.TryGetValue(framework.Value, out var h) ? h : R.Empty) - resources;
        Calls.Add($"{loop.Now} recover {resources} refuse {refuse}");
        Changed = true;
    }

    public void Suppress(FrameworkId framework, IReadOnlyCollection<string>? roles = null) =>
        Calls.Add($"{loop.Now} suppress{(roles is { Count: > 0 } ? " " + string.Join(",", roles) : "")}");

    public void Revive(FrameworkId framework, IReadOnlyCollection<string>? roles = null) =>
        Calls.Add($"{loop.Now} revive{(roles is { Count: > 0 } ? " " + string.Join(",", roles) : "")}");
    public void DeactivateFramework(FrameworkId framework) => Calls.Add($"{loop.Now} deactivate");
    public void ActivateFramework(FrameworkId framework) => Calls.Add($"{loop.Now} activate");

    public void UpdateFramework(FrameworkId framework, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles) =>
        Calls.Add($"{loop.Now} update {info.Name} roles {string.Join(",", info.Roles)} suppressed [{string.Join(",", suppressedRoles)}]");
    public void UpdateWeight(string role, double weight) => Calls.Add($"{loop.Now} weight {role} {weight}");

    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false)
    {
        Calls.Add($"{loop.Now} allocate {(agents == null ? "all" : string.Join(",", agents.Select(a => a.Value)))}");
        if (agents == null) Changed = false;
        if (_frameworks.Count == 0) return;
        var to = _frameworks[0];
        foreach (var (agent, free) in _free.ToArray())
        {
            if (agents != null && agents.All(a => a.Value != agent)) continue;
            if (free.IsEmpty) continue;
            grants.Add(new Grant(to, new AgentId(agent), free));
            _free[agent] = R.Empty;
            _held[to.Value] = (_held.TryGetValue(to.Value, out var h) ? h : R.Empty) + free;
        }
    }

    public bool HasNewAllocationChances => Changed;
    public double RoleShare(string role) => 0;
    public double FrameworkShare(FrameworkId framework) => 0;
    public R Allocation(FrameworkId framework) => _held.TryGetValue(framework.Value, out var h) ? h : R.Empty;
    public R Allocation(FrameworkId framework, string role) => Allocation(framework);
    public R Total => _free.Values.Aggregate(R.Empty, (a, b) => a + b);
    public double Weight(string role) => 1;
    public void SetQuota(string role, Quota quota) => Calls.Add($"{loop.Now} quota {role} {quota}");
    public Quota QuotaOf(string role) => Quota.None;
    public bool Reserve(AgentId agent, string role, R resources, FrameworkId? holder = null)
    {
        if (holder != null || !_free.TryGetValue(agent.Value, out var free) || !free.Contains(resources)) return false;
        Calls.Add($"{loop.Now} reserve {resources} for {role}");
        return true;
    }

    public bool Unreserve(AgentId agent, string role, R resources, FrameworkId? holder = null) => false;
    public R ReservedOn(AgentId agent, string role) => R.Empty;
    public R QuotaConsumption(string role) => R.Empty;
}
