using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Allocation;

/// <summary>
/// The master's contract with an allocation policy (after Mesos's Allocator interface). The allocator owns
/// the bookkeeping of what is free and what each framework holds (offered or in use), the filters and
/// suppression; an allocation run only decides. The master tells it every change and turns grants into
/// offers.
/// </summary>
public interface IAllocator
{
    void AddAgent(AgentId agent, AgentInfo info);

    /// <summary>Removes an agent and everything allocated on it from every share at once.</summary>
    void RemoveAgent(AgentId agent);

    void AddFramework(FrameworkId framework, FrameworkInfo info);

    /// <summary>Removes a framework; the master recovers what it held first.</summary>
    void RemoveFramework(FrameworkId framework);

    /// <summary>
    /// Resources offered to or used by a framework come back (declined, unused part of an accept, task ended,
    /// offer rescinded). A positive <paramref name="refuse"/> installs a filter that keeps these resources of
    /// this agent from the framework for max(interval, refuse). <paramref name="reserved"/> is the part of
    /// <paramref name="resources"/> reserved for the framework's role.
    /// </summary>
    void Recover(FrameworkId framework, AgentId agent, Resources.Resources resources, Duration refuse,
        Resources.Resources reserved = default);

    /// <summary>
    /// Resources a framework already uses on an added agent: tasks an agent re-registers with after a master
    /// failover (Mesos's Allocator::addSlave takes them as <c>used</c>). False, changing nothing, when the
    /// agent has not that much free (unreserved, or reserved for the framework's role); the default
    /// implementation takes nothing.
    /// </summary>
    bool AddInUse(FrameworkId framework, AgentId agent, Resources.Resources resources, Resources.Resources reserved) => false;

    void Suppress(FrameworkId framework);

    /// <summary>Clears the framework's filters and ends suppression.</summary>
    void Revive(FrameworkId framework);

    void UpdateWeight(string role, double weight);

    /// <summary>Sets a role's quota (<see cref="Quota.None"/> removes it).</summary>
    void SetQuota(string role, Quota quota);

    Quota QuotaOf(string role);

    /// <summary>
    /// Reserves unreserved resources of an agent for a role (Mesos's RESERVE). With <paramref name="holder"/>
    /// the resources are held by that framework (offered to it) and stay held, now reserved; without, they must
    /// be free. Returns false, changing nothing, when they are not there.
    /// </summary>
    bool Reserve(AgentId agent, string role, Resources.Resources resources, FrameworkId? holder = null);

    /// <summary>The reverse of <see cref="Reserve"/> (Mesos's UNRESERVE).</summary>
    bool Unreserve(AgentId agent, string role, Resources.Resources resources, FrameworkId? holder = null);

    /// <summary>Resources reserved for the role on the agent, free or not.</summary>
    Resources.Resources ReservedOn(AgentId agent, string role);

    /// <summary>What a task of this size holds on an agent: itself, or more under a policy that allocates in
    /// fixed units (slots).</summary>
    Resources.Resources Footprint(Resources.Resources task) => task;

    /// <summary>What the role consumes against its quota: its reservations, allocated or not, plus the
    /// unreserved resources offered to or used by its frameworks.</summary>
    Resources.Resources QuotaConsumption(string role);

    /// <summary>
    /// One allocation run over <paramref name="agents"/> (null: every agent), appending its grants. Granted
    /// resources count as allocated to the framework until recovered. <paramref name="periodic"/> says whether
    /// this is the interval's run (at most one per instant) or one triggered by a registration or a revive.
    /// </summary>
    void Allocate(IReadOnlyCollection<AgentId>? agents, List<Grant> grants, bool periodic = false);

    /// <summary>True when a run could make an offer it could not make at the previous run: resources were
    /// added or recovered, a filter expired, a framework arrived, revived or changed weight.</summary>
    bool HasNewAllocationChances { get; }

    /// <summary>A role's dominant share divided by its weight (0 for an unknown role).</summary>
    double RoleShare(string role);

    /// <summary>A framework's dominant share of the cluster.</summary>
    double FrameworkShare(FrameworkId framework);

    /// <summary>Resources offered to or in use by a framework.</summary>
    Resources.Resources Allocation(FrameworkId framework);

    /// <summary>The sum of all agents' resources.</summary>
    Resources.Resources Total { get; }

    double Weight(string role);
}
