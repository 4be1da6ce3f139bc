using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
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

    /// <summary>The agent's attributes or unreserved total changed (Mesos's updateSlave): changed attributes
    /// drop every filter on it. Throws, changing nothing, when its reservations would change or its unreserved
    /// total drop below what frameworks hold there.</summary>
    void UpdateAgent(AgentId agent, AgentInfo info);

    /// <summary>Nothing on the agent is offered until <see cref="ActivateAgent"/> (Mesos's deactivateSlave).</summary>
    void DeactivateAgent(AgentId agent);

    void ActivateAgent(AgentId agent);

    /// <summary>Schedules (or, with null, cancels) maintenance on the agent (Mesos's updateUnavailability):
    /// inverse offer filters on it are dropped; from the next run, frameworks holding resources there are
    /// due an inverse offer.</summary>
    void UpdateUnavailability(AgentId agent, Cluster.Unavailability? unavailability);

    /// <summary>
    /// Mesos's generateInverseOffers, after an allocation run over <paramref name="agents"/> (null: all):
    /// appends (framework, agent) for each active framework that holds resources on an agent under maintenance
    /// and has no outstanding inverse offer there nor a filter against one.
    /// </summary>
    void GenerateInverseOffers(IReadOnlyCollection<AgentId>? agents, List<(FrameworkId Framework, AgentId Agent)> into);

    /// <summary>The framework answered (accepted or declined; null: the inverse offer was withdrawn) an inverse
    /// offer for the agent; a positive <paramref name="refuse"/> keeps further ones away that long.</summary>
    void UpdateInverseOffer(FrameworkId framework, AgentId agent, bool? accepted, Duration refuse);

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
        Resources.Resources reserved = default, string? role = null);

    /// <summary>
    /// Resources a framework already uses on an added agent: tasks an agent re-registers with after a master
    /// failover (Mesos's Allocator::addSlave takes them as <c>used</c>). False, changing nothing, when the
    /// agent has not that much free (unreserved, or reserved for the framework's role); the default
    /// implementation takes nothing.
    /// </summary>
    bool AddInUse(FrameworkId framework, AgentId agent, Resources.Resources resources, Resources.Resources reserved) => false;

    /// <summary>As <see cref="AddInUse(FrameworkId, AgentId, Resources.Resources, Resources.Resources)"/>, allocated in
    /// <paramref name="role"/>: an allocator with revocable resources takes those of
    /// <see cref="Oversubscription.RevocableResources.Role"/> into its revocable books. By default the role is not
    /// looked at.</summary>
    bool AddInUse(FrameworkId framework, AgentId agent, Resources.Resources resources, Resources.Resources reserved, string role) =>
        AddInUse(framework, agent, resources, reserved);

    /// <summary>Stops offers to the framework in <paramref name="roles"/> (null or empty: all its roles).</summary>
    void Suppress(FrameworkId framework, IReadOnlyCollection<string>? roles = null);

    /// <summary>Clears the framework's filters and ends suppression, in <paramref name="roles"/> (null or
    /// empty: all its roles).</summary>
    void Revive(FrameworkId framework, IReadOnlyCollection<string>? roles = null);

    /// <summary>The framework gets no offers until <see cref="ActivateFramework"/>; its filters are cleared;
    /// what it holds stays allocated to it (Mesos's deactivateFramework).</summary>
    void DeactivateFramework(FrameworkId framework);

    /// <summary>Offers to the framework resume, unless it is suppressed.</summary>
    void ActivateFramework(FrameworkId framework);

    /// <summary>
    /// UPDATE_FRAMEWORK: the framework's new roles, capabilities and minimum allocatable resources, and the
    /// roles in which it is suppressed (Mesos's updateFramework). It may leave a role only holding nothing there.
    /// </summary>
    void UpdateFramework(FrameworkId framework, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles);

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

    /// <summary>Resources offered to or in use by a framework, in all its roles.</summary>
    Resources.Resources Allocation(FrameworkId framework);

    /// <summary>Resources offered to or in use by a framework in one of its roles.</summary>
    Resources.Resources Allocation(FrameworkId framework, string role);

    /// <summary>The sum of all agents' resources.</summary>
    Resources.Resources Total { get; }

    double Weight(string role);
}
