using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Cell;

/// <summary>
/// The cell's shared state for schedulers that see the whole cluster (monolithic, and Omega's shared state):
/// per agent what is free, how many tasks it runs and a sequence number that changes with every claim and
/// release (Schwarzkopf et al., "Omega: flexible, scalable schedulers for large compute clusters", EuroSys
/// 2013: section 3.4 for shared-state transactions, section 5 and figure 12 for coarse-grained conflict
/// detection by such per-machine sequence numbers against fine-grained resource checks). It sits
/// under the master in place of the two-level allocator: it makes no decision of its own, it grants exactly
/// the claims schedulers committed (<see cref="Claim"/>), so the master turns each commit into one offer
/// that the committing framework's driver accepts at once, and the master, its agents and its listeners
/// (the recorder) run as in the two-level path. Reservations are not modelled (refused).
/// </summary>
public sealed class CellState : IAllocator
{
    private readonly List<Machine?> _agents = [];
    private readonly Dictionary<int, R> _held = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Quota> _quotas = new(StringComparer.Ordinal);
    private readonly List<Grant> _claims = [];
    private R _total;

    /// <summary>Called when resources return to the cell (a task ended), so waiting work can be tried again.</summary>
    public Action? Released { get; set; }

    /// <summary>Agents by id, registered or not (null), for schedulers scanning the cell.</summary>
    public int AgentSlots => _agents.Count;

    public bool IsRegistered(AgentId agent) => agent.Value < _agents.Count && _agents[agent.Value] != null;

    public R Free(AgentId agent) => _agents[agent.Value]!.Free;
    public R TotalOf(AgentId agent) => _agents[agent.Value]!.Total;
    public string NameOf(AgentId agent) => _agents[agent.Value]!.Name;
    public int TasksOn(AgentId agent) => _agents[agent.Value]!.Tasks;

    /// <summary>Changes with every claim and release on the agent (Omega's per-machine sequence number).</summary>
    public long Sequence(AgentId agent) => _agents[agent.Value]?.Sequence ?? -1;

    /// <summary>
    /// Takes <paramref name="resources"/> of <paramref name="agent"/> for <paramref name="tasks"/> tasks of
    /// <paramref name="framework"/>; the master grants it at its next run (the caller triggers one). The caller
    /// has checked that it fits.
    /// </summary>
    public void Claim(FrameworkId framework, AgentId agent, R resources, int tasks)
    {
        var machine = _agents[agent.Value]!;
        if (!machine.Free.Contains(resources))
            throw new InvalidOperationException($"claim of {resources} on {agent} exceeds its free {machine.Free}");
        machine.Free -= resources;
        machine.Tasks += tasks;
        machine.Sequence++;
        _held[framework.Value] = _held.GetValueOrDefault(framework.Value) + resources;
        _claims.Add(new Grant(framework, agent, resources));
    }

    public void AddAgent(AgentId agent, AgentInfo info)
    {
        while (_agents.Count <= agent.Value) _agents.Add(null);
        var total = info.Total.Total;
        _agents[agent.Value] = new Machine { Name = info.Name, Total = total, Free = total };
        _total += total;
        Released?.Invoke();
    }

    public void RemoveAgent(AgentId agent)
    {
        _total -= _agents[agent.Value]!.Total;
        _agents[agent.Value] = null;
    }

    public void AddFramework(FrameworkId framework, FrameworkInfo info) => _held[framework.Value] = R.Empty;

    public void RemoveFramework(FrameworkId framework) => _held.Remove(framework.Value);

    /// <summary>A task ended (one call per task) or an offer came back: its resources are free again.</summary>
    public void Recover(FrameworkId framework, AgentId agent, R resources, Duration refuse, R reserved = default, string? role = null)
    {
        if (_held.TryGetValue(framework.Value, out var held)) _held[framework.Value] = held - resources;
        if (_agents[agent.Value] is not { } machine) return;
        machine.Free += resources;
        if (machine.Tasks > 0) machine.Tasks--;
        machine.Sequence++;
        Released?.Invoke();
    }

    public void Suppress(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
    }

    public void Revive(FrameworkId framework, IReadOnlyCollection<string>? roles = null)
    {
    }

    // The offer allocator's lifecycle books (agent updates, draining, maintenance with inverse offers, framework
    // activation and updates) have no counterpart in a cell: its schedulers see every agent and decide for
    // themselves. The experiment parser refuses those events outside two-level (ArchitectureSection.Check);
    // what the master calls on its own (a framework disconnecting, the periodic inverse offer pass) does
    // nothing here.
    public void UpdateAgent(AgentId agent, AgentInfo info) =>
        throw new InvalidOperationException("agent updates run under two-level scheduling only");

    public void DeactivateAgent(AgentId agent) =>
        throw new InvalidOperationException("agent deactivation and draining run under two-level scheduling only");

    public void ActivateAgent(AgentId agent) =>
        throw new InvalidOperationException("agent deactivation and draining run under two-level scheduling only");

    public void UpdateUnavailability(AgentId agent, Cluster.Unavailability? unavailability) =>
        throw new InvalidOperationException("maintenance windows run under two-level scheduling only");

    public void GenerateInverseOffers(IReadOnlyCollection<AgentId>? agents, List<(FrameworkId Framework, AgentId Agent)> into)
    {
    }

    public void UpdateInverseOffer(FrameworkId framework, AgentId agent, bool? accepted, Duration refuse)
    {
    }

    public void DeactivateFramework(FrameworkId framework)
    {
    }

    public void ActivateFramework(FrameworkId framework)
    {
    }

    public void UpdateFramework(FrameworkId framework, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles)
    {
    }

    public R Allocation(FrameworkId framework, string role) => Allocation(framework);

    public void UpdateWeight(string role, double weight) => _weights[role] = weight;

    public void SetQuota(string role, Quota quota) => _quotas[role] = quota;

    public Quota QuotaOf(string role) => _quotas.GetValueOrDefault(role, Quota.None);

    public bool Reserve(AgentId agent, string role, R resources, FrameworkId? holder = null) => false;

    public bool Unreserve(AgentId agent, string role, R resources, FrameworkId? holder = null) => false;

    public R ReservedOn(AgentId agent, string role) => R.Empty;

    public R QuotaConsumption(string role) => R.Empty;

    /// <summary>Grants the committed claims, in the order they were committed, whatever agents the run covers.</summary>
    public void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false)
    {
        grants.AddRange(_claims);
        _claims.Clear();
    }

    public bool HasNewAllocationChances => _claims.Count > 0;

    /// <summary>Not kept per role: a cell scheduler has no roles (0).</summary>
    public double RoleShare(string role) => 0;

    public double FrameworkShare(FrameworkId framework) => Allocation(framework).MaxShareOf(_total);

    public R Allocation(FrameworkId framework) => _held.GetValueOrDefault(framework.Value);

    public R Total => _total;

    public double Weight(string role) => _weights.GetValueOrDefault(role, 1.0);

    private sealed class Machine
    {
        public string Name = "";
        public R Total;
        public R Free;
        public int Tasks;
        public long Sequence;
    }
}
